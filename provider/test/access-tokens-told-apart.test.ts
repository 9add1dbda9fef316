import { credentialKey, resolveOvhConfig } from "../src/ovh/config";

const none = () => undefined;
const keyFor = (token: string) => credentialKey(resolveOvhConfig(none, { OVH_ENDPOINT: "ovh-eu", OVH_ACCESS_TOKEN: token }, []));

describe("access tokens, as the connection cache and the request budget name them", () => {
  it("gives two tokens two names, one token one name, and never the token itself", () => {
    const first = "first-token-value";
    expect(keyFor(first)).toBe(keyFor(first));
    expect(keyFor(first)).not.toBe(keyFor("second-token-value"));
    expect(keyFor(first)).not.toContain(first);
  });
});
