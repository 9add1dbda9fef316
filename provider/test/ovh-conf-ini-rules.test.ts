import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolveOvhConfig } from "../src/ovh/config";
import { ovhConfPaths } from "../src/ovh/ovh-conf";

const none = () => undefined;

/** The paths the provider reads for a program whose directory holds `text` as ./ovh.conf. */
function programWith(text: string): string[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ovh-conf-ini-"));
  const cwd = path.join(root, "program");
  fs.mkdirSync(cwd);
  fs.mkdirSync(path.join(root, "home"));
  fs.writeFileSync(path.join(cwd, "ovh.conf"), text);
  return ovhConfPaths({ HOME: path.join(root, "home") }, cwd);
}

describe("ovh.conf lines, read as python-ovh's configparser reads them", () => {
  it("takes an indented header, values ending in # or ; and values holding = as written", () => {
    const paths = programWith(
      [
        "  [default]",
        "# endpoint = ovh-ca",
        "  endpoint = ovh-eu",
        "",
        "[ovh-eu]",
        "; the EU account",
        "application_key = ak#",
        "application_secret = as=with=equals;",
        "consumer_key: ck",
      ].join("\n"),
    );
    expect(resolveOvhConfig(none, {}, paths).credentials).toEqual({
      kind: "application",
      applicationKey: "ak#",
      applicationSecret: "as=with=equals;",
      consumerKey: "ck",
    });
  });

  it("sets nothing from a line with no = or :", () => {
    const paths = programWith("[default]\nendpoint = ovh-eu\n[ovh-eu]\naccess_tokens\n");
    expect(() => resolveOvhConfig(none, {}, paths)).toThrow(/^no OVH credentials are set: /);
  });
});

describe("ovh.conf section headers", () => {
  it("start a section when they begin the line, whatever follows the last ], and not when text comes before [", () => {
    const paths = programWith("[default] the defaults\nendpoint = ovh-eu\n[ovh-eu]\nclient_id = eu-id\nnot a header [ovh-ca]\nclient_secret = eu-secret\n");
    expect(resolveOvhConfig(none, {}, paths).credentials).toEqual({ kind: "oauth2", clientId: "eu-id", clientSecret: "eu-secret" });
  });

  it("are named by what the brackets hold, spaces included: [ ovh-eu ] is not the ovh-eu section", () => {
    const paths = programWith("[default]\nendpoint = ovh-eu\n[ ovh-eu ]\naccess_token = spaced-section-token\n");
    expect(() => resolveOvhConfig(none, {}, paths)).toThrow(/^no OVH credentials are set: /);
  });

  // python-ovh and go-ovh skip [ ovh-eu ] too, silently. A file the provider read until 03f185e now fails, and the message
  // asks for access_token in ovh.conf [ovh-eu], which the user sees in the file: the section it skipped is what helps.
  it("that hold spaces around the name the provider looks for are named in the message about what is missing", () => {
    const note = (file: string, name: string) =>
      `; ${file} [ ${name} ] is not [${name}]: a section's name keeps the spaces inside its brackets, as python-ovh and go-ovh read it`;
    const paths = programWith("[default]\nendpoint = ovh-eu\n[ ovh-eu ]\naccess_token = spaced-section-token\n");
    expect(() => resolveOvhConfig(none, {}, paths)).toThrow(note(paths[0], "ovh-eu"));
    const spacedDefault = programWith("[ default ]\nendpoint = ovh-eu\n[ovh-eu]\naccess_token = token\n");
    expect(() => resolveOvhConfig(none, {}, spacedDefault)).toThrow(/^no OVH endpoint is set: /);
    expect(() => resolveOvhConfig(none, {}, spacedDefault)).toThrow(note(spacedDefault[0], "default"));
  });

  it("are all named, after the files that could not be read, each with the name it is not", () => {
    const paths = programWith("[ default ]\nendpoint = ovh-eu\n[\tovh-eu ]\naccess_token = token\n");
    fs.mkdirSync(paths[1]);
    expect(() => resolveOvhConfig(none, { OVH_ENDPOINT: "ovh-eu" }, paths)).toThrow(
      `; could not read ${paths[1]} (EISDIR); ${paths[0]} [ default ] is not [default], ${paths[0]} [\tovh-eu ] is not [ovh-eu]: a section's name keeps the spaces inside its brackets, as python-ovh and go-ovh read it`,
    );
  });
});
