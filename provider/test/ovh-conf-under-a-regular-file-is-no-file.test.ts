import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolveOvhConfig } from "../src/ovh/config";
import { ovhConfPaths } from "../src/ovh/ovh-conf";
import { thrown } from "./support/thrown";

describe("an ovh.conf path that runs under a regular file", () => {
  it("is no file there (ENOTDIR), as a missing one is, and is not named among the files that could not be read", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ovh-conf-"));
    const [cwd, home] = [path.join(root, "program"), path.join(root, "home")];
    // The program's ovh.conf is a directory (EISDIR: there, unreadable); HOME is a regular file, so HOME/.ovh.conf
    // gives ENOTDIR: nothing there, as when HOME points at a file by mistake.
    fs.mkdirSync(path.join(cwd, "ovh.conf"), { recursive: true });
    fs.writeFileSync(home, "not a directory\n");
    const [inCwd, inHome] = ovhConfPaths({ HOME: home }, cwd);
    const error = thrown(() => resolveOvhConfig(() => undefined, { OVH_ENDPOINT: "ovh-eu" }, [inCwd, inHome]));
    expect(error).toMatchObject({ code: "CONFIG_ERROR" });
    expect(error.message).toContain(`; could not read ${cwd}/ovh.conf (EISDIR)\n`);
    expect(error.message).not.toContain(inHome);
  });
});
