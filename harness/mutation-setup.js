// jest.mutation.config.js's setup file: see harness/mutation-covering.js.
require("./mutation-covering").recordCoveringFiles();
