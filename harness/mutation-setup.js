// jest.mutation.config.js's setup file: see harness/mutation-run.js.
require("./mutation-run").recordCoveringFiles();
