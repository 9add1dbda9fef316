import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolveOvhConfig } from "../src/ovh/config";
import { ovhConfPaths } from "../src/ovh/ovh-conf";
import { thrown } from "./support/thrown";

describe("ovh.conf files that exist but cannot be read", () => {
  it("are each named, apart, in the order they are looked in, when the settings they may hold are missing", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ovh-conf-"));
    const [cwd, home] = [path.join(root, "program"), path.join(root, "home")];
    // A directory where a file is expected cannot be read (EISDIR), in the program's directory and in HOME alike.
    fs.mkdirSync(path.join(cwd, "ovh.conf"), { recursive: true });
    fs.mkdirSync(path.join(home, ".ovh.conf"), { recursive: true });
    const error = thrown(() => resolveOvhConfig(() => undefined, { OVH_ENDPOINT: "ovh-eu" }, ovhConfPaths({ HOME: home }, cwd)));
    expect(error).toMatchObject({ code: "CONFIG_ERROR" });
    expect(error.message).toContain(`; could not read ${cwd}/ovh.conf (EISDIR), ${home}/.ovh.conf (EISDIR)`);
  });
});
