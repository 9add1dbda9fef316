import * as os from "node:os";
import * as path from "node:path";
import { resolveOvhConfig } from "../src/ovh/config";
import { thrown } from "./support/thrown";

// The fs module object ovh-conf.ts reads through (an `import * as` would give a copy whose functions cannot be replaced).
const fs = require("node:fs") as typeof import("node:fs");

/**
 * A file that exists but fails to read with no error code (Node's fs gives one for every failure it knows; this one
 * is made up, in process) is still named among the files that could not be read, as "unreadable".
 */
describe("an ovh.conf whose read fails without an error code", () => {
  it("is named as unreadable when the endpoint is missing", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "ovh-conf-"));
    const conf = path.join(home, ".ovh.conf");
    fs.writeFileSync(conf, "[default]\nendpoint=ovh-eu\n");
    const read = fs.readFileSync;
    const spy = jest.spyOn(fs, "readFileSync").mockImplementation(((file: unknown, options?: unknown) => {
      if (file === conf) throw new RangeError("Array buffer allocation failed");
      return read(file as string, options as BufferEncoding);
    }) as typeof fs.readFileSync);
    try {
      const error = thrown(() => resolveOvhConfig(() => undefined, {}, [conf]));
      expect(error).toMatchObject({ code: "CONFIG_ERROR" });
      expect(error.message).toContain(`; could not read ${conf} (unreadable)\n`);
    } finally {
      spy.mockRestore();
    }
  });
});
