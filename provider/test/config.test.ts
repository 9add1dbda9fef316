import { resolveOvhConfig } from "../src/ovh/config";

const none = () => undefined;
const configOf = (values: Record<string, string>) => (key: string) => values[key];
const app = { OVH_APPLICATION_KEY: "ak", OVH_APPLICATION_SECRET: "as", OVH_CONSUMER_KEY: "ck" };

describe("OVH credentials and endpoint", () => {
  it("reads Pulumi config before the environment", () => {
    const config = configOf({ "ovh:endpoint": "ovh-ca", "ovh:clientId": "id", "ovh:clientSecret": "secret" });
    expect(resolveOvhConfig(config, { OVH_ENDPOINT: "ovh-eu", ...app })).toEqual({
      endpoint: "ovh-ca",
      credentials: { kind: "oauth2", clientId: "id", clientSecret: "secret" },
    });
  });

  it("falls back to the OVH_* environment variables", () => {
    expect(resolveOvhConfig(none, { OVH_ENDPOINT: "https://127.0.0.1:8443/1.0", ...app })).toEqual({
      endpoint: "https://127.0.0.1:8443/1.0",
      credentials: { kind: "application", applicationKey: "ak", applicationSecret: "as", consumerKey: "ck" },
    });
  });

  it("lists what to set when nothing is set", () => {
    expect(() => resolveOvhConfig(none, {})).toThrow(/no OVH endpoint is set: set ovh:endpoint or OVH_ENDPOINT to one of ovh-eu, ovh-ca/);
    expect(() => resolveOvhConfig(none, { OVH_ENDPOINT: "ovh-eu", OVH_APPLICATION_KEY: "ak" })).toThrow(
      /missing ovh:applicationSecret \/ OVH_APPLICATION_SECRET, ovh:consumerKey \/ OVH_CONSUMER_KEY/,
    );
  });

  it("refuses contradictory credentials", () => {
    expect(() => resolveOvhConfig(none, { OVH_ENDPOINT: "ovh-eu", ...app, OVH_CLIENT_ID: "id", OVH_CLIENT_SECRET: "s" })).toThrow(
      /both an application key .* and an OAuth2 service account .*: keep one/,
    );
  });

  it("refuses unknown endpoints, plain http and OAuth2 where OVH has none", () => {
    expect(() => resolveOvhConfig(none, { ...app, OVH_ENDPOINT: "ovh-au" })).toThrow(/neither a known name/);
    expect(() => resolveOvhConfig(none, { ...app, OVH_ENDPOINT: "http://127.0.0.1:8080/1.0" })).toThrow(/neither a known name/);
    expect(() => resolveOvhConfig(none, { OVH_ENDPOINT: "kimsufi-eu", OVH_CLIENT_ID: "id", OVH_CLIENT_SECRET: "s" })).toThrow(
      /does not support OAuth2/,
    );
  });

  it("does not mix a stack's credentials with a shell's", () => {
    const config = configOf({ "ovh:applicationKey": "stack-ak" });
    expect(() => resolveOvhConfig(config, { OVH_ENDPOINT: "ovh-eu", ...app })).toThrow(/missing ovh:applicationSecret/);
  });
});
