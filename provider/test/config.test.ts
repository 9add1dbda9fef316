import { resolveEdisConfig } from "../src/edis/config";
import { resolveOvhConfig as resolveOvh } from "../src/ovh/config";
import type { SettingSource } from "../src/settings";
import { everythingIn, expectNoneOf } from "./support/secrets";
import { thrown } from "./support/thrown";

/** No ovh.conf unless a test writes one: the machine's own files never count. */
const noFiles: string[] = [];
const resolveOvhConfig = (config: SettingSource, env: NodeJS.ProcessEnv, files: readonly string[] = noFiles) => resolveOvh(config, env, files);
const none = () => undefined;
const configOf = (values: Record<string, string>) => (key: string) => values[key];
const app = { OVH_APPLICATION_KEY: "ak", OVH_APPLICATION_SECRET: "as", OVH_CONSUMER_KEY: "ck" };
const edis = { EDIS_EMAIL: "ops@example.com", EDIS_PASSWORD: "edis-pw" };

/** Each call fails with CONFIG_ERROR and a message matching its pattern, and nothing the error holds shows any of `hidden`. */
function expectConfigErrors(cases: [() => unknown, RegExp][], hidden: Record<string, string>): void {
  for (const [resolve, described] of cases) {
    const error = thrown(resolve);
    expect(error).toMatchObject({ code: "CONFIG_ERROR", message: expect.stringMatching(described) });
    expectNoneOf(hidden, everythingIn(error));
  }
}

describe("OVH and EDIS credentials and endpoints", () => {
  it("reads Pulumi config before the environment", () => {
    const config = configOf({ "ovh:endpoint": "ovh-ca", "ovh:clientId": "id", "ovh:clientSecret": "secret" });
    expect(resolveOvhConfig(config, { OVH_ENDPOINT: "ovh-eu", OVH_CLIENT_SECRET: "shell-secret" })).toEqual({
      endpoint: "ovh-ca",
      credentials: { kind: "oauth2", clientId: "id", clientSecret: "secret" },
      sources: { endpoint: "ovh:endpoint (stack config)", clientId: "ovh:clientId (stack config)", clientSecret: "ovh:clientSecret (stack config)" },
    });
  });

  it("falls back to the OVH_* environment variables", () => {
    expect(resolveOvhConfig(none, { OVH_ENDPOINT: "https://127.0.0.1:8443/1.0", ...app })).toEqual({
      endpoint: "https://127.0.0.1:8443/1.0",
      credentials: { kind: "application", applicationKey: "ak", applicationSecret: "as", consumerKey: "ck" },
      sources: {
        endpoint: "OVH_ENDPOINT (environment)",
        applicationKey: "OVH_APPLICATION_KEY (environment)",
        applicationSecret: "OVH_APPLICATION_SECRET (environment)",
        consumerKey: "OVH_CONSUMER_KEY (environment)",
      },
    });
  });

  it("lists what to set when nothing is set", () => {
    expect(() => resolveOvhConfig(none, {})).toThrow(
      /no OVH endpoint is set: set ovh:endpoint or OVH_ENDPOINT \(or endpoint in ovh\.conf \[default\]\) to one of ovh-eu, ovh-ca/,
    );
    expect(() => resolveOvhConfig(none, { OVH_ENDPOINT: "ovh-eu" })).toThrow(
      /no OVH credentials are set: set ovh:applicationKey \/ OVH_APPLICATION_KEY \/ application_key in ovh\.conf \[ovh-eu\], .* \(an application key\); or ovh:clientId .* \(an OAuth2 service account\); or ovh:accessToken \/ OVH_ACCESS_TOKEN \/ access_token in ovh\.conf \[ovh-eu\] \(an access token\)/,
    );
    expect(() => resolveOvhConfig(none, { OVH_ENDPOINT: "ovh-eu", OVH_APPLICATION_KEY: "ak" })).toThrow(
      /found OVH_APPLICATION_KEY \(environment\); missing ovh:applicationSecret \/ OVH_APPLICATION_SECRET \/ application_secret in ovh\.conf \[ovh-eu\], ovh:consumerKey \/ OVH_CONSUMER_KEY \/ consumer_key in ovh\.conf \[ovh-eu\]$/m,
    );
  });

  it("refuses two kinds of credentials once merged, naming where each setting came from", () => {
    expect(() => resolveOvhConfig(none, { OVH_ENDPOINT: "ovh-eu", ...app, OVH_CLIENT_ID: "id", OVH_CLIENT_SECRET: "s" })).toThrow(
      /more than one kind of OVH credentials is set: an application key \(OVH_APPLICATION_KEY \(environment\), OVH_APPLICATION_SECRET \(environment\), OVH_CONSUMER_KEY \(environment\)\) and an OAuth2 service account \(OVH_CLIENT_ID \(environment\), OVH_CLIENT_SECRET \(environment\)\); keep one kind/,
    );
    const secrets = { token: "token-in-stack-config", secret: "secret-in-the-shell" };
    const error = thrown(() =>
      resolveOvhConfig(configOf({ "ovh:accessToken": secrets.token }), { OVH_ENDPOINT: "ovh-eu", OVH_APPLICATION_SECRET: secrets.secret }),
    );
    expect(error).toMatchObject({
      code: "CONFIG_ERROR",
      message: expect.stringMatching(/an application key \(OVH_APPLICATION_SECRET \(environment\)\) and an access token \(ovh:accessToken \(stack config\)\)/),
    });
    expectNoneOf(secrets, everythingIn(error));
  });

  it("refuses unknown endpoints, plain http and OAuth2 where OVH has none", () => {
    expect(() => resolveOvhConfig(none, { ...app, OVH_ENDPOINT: "ovh-au" })).toThrow(/neither a known name/);
    expect(() => resolveOvhConfig(none, { ...app, OVH_ENDPOINT: "http://127.0.0.1:8080/1.0" })).toThrow(/neither a known name/);
    expect(() => resolveOvhConfig(none, { OVH_ENDPOINT: "kimsufi-eu", OVH_CLIENT_ID: "id", OVH_CLIENT_SECRET: "s" })).toThrow(/does not support OAuth2/);
  });

  it("takes each setting from the first source that has it: the endpoint and key from the stack, the secrets from the shell", () => {
    const config = configOf({ "ovh:endpoint": "ovh-ca", "ovh:applicationKey": "stack-ak" });
    expect(resolveOvhConfig(config, { OVH_ENDPOINT: "ovh-eu", ...app })).toEqual({
      endpoint: "ovh-ca",
      credentials: { kind: "application", applicationKey: "stack-ak", applicationSecret: "as", consumerKey: "ck" },
      sources: {
        endpoint: "ovh:endpoint (stack config)",
        applicationKey: "ovh:applicationKey (stack config)",
        applicationSecret: "OVH_APPLICATION_SECRET (environment)",
        consumerKey: "OVH_CONSUMER_KEY (environment)",
      },
    });
  });

  it("reads an access token from ovh:accessToken or OVH_ACCESS_TOKEN, on any endpoint", () => {
    expect(resolveOvhConfig(configOf({ "ovh:accessToken": "tok" }), { OVH_ENDPOINT: "kimsufi-eu", OVH_ACCESS_TOKEN: "shell-tok" })).toMatchObject({
      credentials: { kind: "accessToken", accessToken: "tok" },
      sources: { accessToken: "ovh:accessToken (stack config)" },
    });
    expect(resolveOvhConfig(none, { OVH_ENDPOINT: "ovh-eu", OVH_ACCESS_TOKEN: " shell-tok " }).credentials).toEqual({
      kind: "accessToken",
      accessToken: "shell-tok",
    });
  });

  it("describes a bad endpoint by its scheme and host only, and a value that is no URL by its length", () => {
    const secrets = {
      user: "ops-admin",
      password: "hunter2-url-password",
      path: "private-path",
      query: "q-token-secret",
      pasted: "simAppSecret00000000000000000001",
    };
    const cases: [() => unknown, RegExp][] = [
      [
        () => resolveOvhConfig(none, { ...app, OVH_ENDPOINT: "https://ops-admin:hunter2-url-password@127.0.0.1:8443/1.0" }),
        /https:\/\/127\.0\.0\.1:8443 carries a user name or password/,
      ],
      [
        () => resolveOvhConfig(configOf({ "ovh:endpoint": "https://127.0.0.1:8443/private-path?token=q-token-secret" }), app),
        /https:\/\/127\.0\.0\.1:8443 has a query or a fragment/,
      ],
      [
        () => resolveOvhConfig(none, { ...app, OVH_ENDPOINT: "http://ops-admin:hunter2-url-password@127.0.0.1:8080/private-path" }),
        /http:\/\/127\.0\.0\.1:8080 is not https/,
      ],
      [() => resolveOvhConfig(none, { ...app, OVH_ENDPOINT: secrets.pasted }), /a 32-character value that is not an https URL/],
      [() => resolveOvhConfig(configOf({ "ovh:endpoint": "ovh-eu:" + secrets.pasted }), app), /a 39-character value that is not an https URL/],
      [
        () => resolveEdisConfig(none, { ...edis, EDIS_SESSION_URL: "https://ops-admin:hunter2-url-password@127.0.0.1:9443" }),
        /https:\/\/127\.0\.0\.1:9443 carries a user name or password/,
      ],
      [() => resolveEdisConfig(configOf({ "edis:sessionUrl": secrets.pasted }), edis), /a 32-character value that is not an https URL/],
    ];
    expectConfigErrors(cases, secrets);
  });

  it("refuses a scheme that only begins or ends like https as no https URL, showing not even its host", () => {
    const cases = ["xhttps:", "https+unix:"].flatMap((scheme): [() => unknown, RegExp][] => {
      const [ovh, edisUrl] = [`${scheme}//127.0.0.1:8443/1.0`, `${scheme}//127.0.0.1:9443`];
      return [
        [() => resolveOvhConfig(none, { ...app, OVH_ENDPOINT: ovh }), new RegExp(`: a ${ovh.length}-character value that is not an https URL`)],
        [() => resolveEdisConfig(none, { ...edis, EDIS_SESSION_URL: edisUrl }), new RegExp(`: a ${edisUrl.length}-character value that is not an https URL`)],
      ];
    });
    expectConfigErrors(cases, { host: "127.0.0.1" });
  });

  it("refuses a URL carrying only a password or only a user name, quoting neither", () => {
    const cases = ["ops-admin@", ":hunter2-url-password@"].flatMap((userinfo): [() => unknown, RegExp][] => [
      [
        () => resolveOvhConfig(none, { ...app, OVH_ENDPOINT: `https://${userinfo}127.0.0.1:8443/1.0` }),
        /https:\/\/127\.0\.0\.1:8443 carries a user name or password/,
      ],
      [
        () => resolveEdisConfig(none, { ...edis, EDIS_SESSION_URL: `https://${userinfo}127.0.0.1:9443` }),
        /https:\/\/127\.0\.0\.1:9443 carries a user name or password/,
      ],
    ]);
    expectConfigErrors(cases, { user: "ops-admin", password: "hunter2-url-password" });
  });

  it("accepts an https URL with a path, such as the simulator's", () => {
    expect(resolveEdisConfig(none, { ...edis, EDIS_SESSION_URL: "https://127.0.0.1:9443/" }).sessionUrl).toBe("https://127.0.0.1:9443");
    expect(resolveOvhConfig(none, { ...app, OVH_ENDPOINT: "https://127.0.0.1:8443/1.0" }).endpoint).toBe("https://127.0.0.1:8443/1.0");
  });

  // The OVH client tells a URL from an endpoint name by its "https:", and would pass "HTTPS://…" to node-ovh as a name.
  it("takes an OVH endpoint URL whose scheme or host is in capitals as URL parsing writes it, with every kind of credentials", () => {
    const oauth2 = { OVH_CLIENT_ID: "id", OVH_CLIENT_SECRET: "s" };
    for (const credentials of [app, oauth2]) {
      expect(resolveOvhConfig(none, { ...credentials, OVH_ENDPOINT: "HTTPS://Sim.Example:8443/1.0" }).endpoint).toBe("https://sim.example:8443/1.0");
    }
  });

  // got would send the login to "https://host/?/kvm/v2/get/auth": a path of "/" with the real one as its query.
  it("refuses a URL ending in a bare ? or #, which cuts the path a client appends", () => {
    const cases = ["?", "#"].flatMap((end): [() => unknown, RegExp][] => [
      [() => resolveOvhConfig(none, { ...app, OVH_ENDPOINT: `https://127.0.0.1:8443/1.0${end}` }), /https:\/\/127\.0\.0\.1:8443 has a query or a fragment/],
      [() => resolveEdisConfig(none, { ...edis, EDIS_SESSION_URL: `https://127.0.0.1:9443${end}` }), /https:\/\/127\.0\.0\.1:9443 has a query or a fragment/],
    ]);
    expectConfigErrors(cases, {});
  });
});
