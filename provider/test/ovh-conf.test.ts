import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolveOvhConfig } from "../src/ovh/config";
import { ovhConfPaths } from "../src/ovh/ovh-conf";
import { everythingIn, expectNoneOf } from "./support/secrets";
import { thrown } from "./support/thrown";

const none = () => undefined;

/** A working directory and a home of their own, each with the ovh.conf given (if any), and the paths the provider would read. */
function machine(files: { cwd?: string; home?: string }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ovh-conf-"));
  const cwd = path.join(root, "program");
  const home = path.join(root, "home");
  fs.mkdirSync(cwd);
  fs.mkdirSync(home);
  if (files.cwd !== undefined) fs.writeFileSync(path.join(cwd, "ovh.conf"), files.cwd);
  if (files.home !== undefined) fs.writeFileSync(path.join(home, ".ovh.conf"), files.home);
  return { cwd, home, paths: ovhConfPaths({ HOME: home }, cwd) };
}

describe("ovh.conf, as python-ovh and go-ovh read it", () => {
  it("looks in the program's directory, then HOME, then /etc", () => {
    expect(ovhConfPaths({ HOME: "/home/ops" }, "/srv/stack")).toEqual(["/srv/stack/ovh.conf", "/home/ops/.ovh.conf", "/etc/ovh.conf"]);
  });

  it("fills what the environment leaves unset, from the section named after the endpoint", () => {
    const m = machine({
      home: "[ovh-ca]\napplication_secret = ca-secret\n\n[ovh-eu]\n; the EU account\napplication_secret = eu-secret\nconsumer_key: eu-consumer\n",
    });
    expect(resolveOvhConfig(none, { OVH_ENDPOINT: "ovh-eu", OVH_APPLICATION_KEY: "env-ak", OVH_CONSUMER_KEY: "env-ck" }, m.paths)).toEqual({
      endpoint: "ovh-eu",
      credentials: { kind: "application", applicationKey: "env-ak", applicationSecret: "eu-secret", consumerKey: "env-ck" },
      sources: {
        endpoint: "OVH_ENDPOINT (environment)",
        applicationKey: "OVH_APPLICATION_KEY (environment)",
        applicationSecret: `application_secret (${m.home}/.ovh.conf [ovh-eu])`,
        consumerKey: "OVH_CONSUMER_KEY (environment)",
      },
    });
  });

  it("takes the endpoint from [default], and each key from ./ovh.conf before ~/.ovh.conf", () => {
    const m = machine({
      cwd: "[ovh-eu]\nConsumer_Key = project-ck\n",
      home: "[default]\nendpoint=ovh-eu\n[ovh-eu]\napplication_key=home-ak\napplication_secret=home-as\nconsumer_key=home-ck\n",
    });
    expect(resolveOvhConfig(none, {}, m.paths)).toEqual({
      endpoint: "ovh-eu",
      credentials: { kind: "application", applicationKey: "home-ak", applicationSecret: "home-as", consumerKey: "project-ck" },
      sources: {
        endpoint: `endpoint (${m.home}/.ovh.conf [default])`,
        applicationKey: `application_key (${m.home}/.ovh.conf [ovh-eu])`,
        applicationSecret: `application_secret (${m.home}/.ovh.conf [ovh-eu])`,
        consumerKey: `consumer_key (${m.cwd}/ovh.conf [ovh-eu])`,
      },
    });
  });

  it("reads an access token and OAuth2 client credentials too, and a URL endpoint's own section", () => {
    const url = "https://127.0.0.1:8443/1.0";
    const m = machine({ cwd: `[default]\nendpoint = ${url}\n[${url}]\naccess_token = file-token\n[ovh-eu]\nclient_id = eu-id\n` });
    expect(resolveOvhConfig(none, {}, m.paths)).toMatchObject({ endpoint: url, credentials: { kind: "accessToken", accessToken: "file-token" } });
    expect(resolveOvhConfig(none, { OVH_ENDPOINT: "ovh-eu", OVH_CLIENT_SECRET: "env-secret" }, m.paths)).toMatchObject({
      credentials: { kind: "oauth2", clientId: "eu-id", clientSecret: "env-secret" },
      sources: { clientId: `client_id (${m.cwd}/ovh.conf [ovh-eu])`, clientSecret: "OVH_CLIENT_SECRET (environment)" },
    });
  });

  it("names what is missing and where the rest came from, files by path and section, never a value", () => {
    const secrets = { secret: "file-app-secret-value", other: "other-endpoint-secret" };
    const m = machine({ home: `[ovh-eu]\napplication_secret=${secrets.secret}\n[ovh-ca]\nconsumer_key=${secrets.other}\n` });
    const error = thrown(() => resolveOvhConfig(() => undefined, { OVH_ENDPOINT: "ovh-eu", OVH_APPLICATION_KEY: "env-ak" }, m.paths));
    expect(error).toMatchObject({ code: "CONFIG_ERROR" });
    expect(error.message).toContain(
      `an application key needs ovh:applicationKey, ovh:applicationSecret, ovh:consumerKey: found OVH_APPLICATION_KEY (environment), application_secret (${m.home}/.ovh.conf [ovh-eu]); missing ovh:consumerKey / OVH_CONSUMER_KEY / consumer_key in ovh.conf [ovh-eu]`,
    );
    expectNoneOf(secrets, everythingIn(error));
  });

  it("says which file it could not read when credentials are missing", () => {
    const m = machine({});
    fs.mkdirSync(path.join(m.cwd, "ovh.conf"));
    expect(() => resolveOvhConfig(none, { OVH_ENDPOINT: "ovh-eu" }, m.paths)).toThrow(`; could not read ${m.cwd}/ovh.conf (EISDIR)`);
  });

  it("says which file it could not read when the endpoint is missing too: an unreadable ~/.ovh.conf may hold it", () => {
    const m = machine({});
    fs.mkdirSync(path.join(m.home, ".ovh.conf"));
    const error = thrown(() => resolveOvhConfig(none, {}, m.paths));
    expect(error).toMatchObject({ code: "CONFIG_ERROR" });
    expect(error.message).toMatch(/^no OVH endpoint is set: /);
    expect(error.message).toContain(`; could not read ${m.home}/.ovh.conf (EISDIR)`);
  });

  it("refuses a file's application key mixed with a stack's access token, naming both sources", () => {
    const m = machine({ home: "[ovh-eu]\napplication_key=home-ak\n" });
    expect(() => resolveOvhConfig((key) => (key === "ovh:accessToken" ? "stack-token" : undefined), { OVH_ENDPOINT: "ovh-eu" }, m.paths)).toThrow(
      `more than one kind of OVH credentials is set: an application key (application_key (${m.home}/.ovh.conf [ovh-eu])) and an access token (ovh:accessToken (stack config))`,
    );
  });
});
