import { proxyFor } from "../src/proxy";
import { PROXY_SECRET } from "./support/proxy";

describe("proxyFor: HTTPS_PROXY and NO_PROXY as Go's ProxyFromEnvironment reads them", () => {
  const api = new URL("https://eu.api.ovh.com/1.0");
  const shown = (env: NodeJS.ProcessEnv, target = api) => proxyFor(target, env)?.shown;

  it("takes HTTPS_PROXY before https_proxy, https_proxy when HTTPS_PROXY is empty, and never HTTP_PROXY", () => {
    expect(shown({ HTTPS_PROXY: "http://upper:3128", https_proxy: "http://lower:3128" })).toBe("http://upper:3128 (HTTPS_PROXY)");
    expect(shown({ HTTPS_PROXY: "", https_proxy: "http://lower:3128" })).toBe("http://lower:3128 (https_proxy)");
    expect(shown({ HTTP_PROXY: "http://plain:3128", http_proxy: "http://plain:3128" })).toBeUndefined();
  });

  it("reads host:port as an http proxy and never shows the proxy's credentials", () => {
    expect(shown({ HTTPS_PROXY: "proxy.corp:3128" })).toBe("http://proxy.corp:3128 (HTTPS_PROXY)");
    expect(shown({ HTTPS_PROXY: `http://ops:${PROXY_SECRET}@proxy.corp:3128` })).toBe("http://proxy.corp:3128 (HTTPS_PROXY)");
  });

  it.each([
    ["*", true],
    ["eu.api.ovh.com", true],
    ["ovh.com", true],
    [".ovh.com", true],
    ["*.ovh.com", true],
    ["api.ovh.com", true],
    ["EU.API.OVH.COM", true],
    ["eu.api.ovh.com:443", true],
    ["eu.api.ovh.com:8443", false],
    // Go's net.SplitHostPort takes "host:" as an empty port, and an empty port matches every port.
    ["eu.api.ovh.com:", true],
    ["ovh.com:", true],
    [".eu.api.ovh.com", false],
    ["i.ovh.com", false],
    ["example.org, ovh.com", true],
  ])("NO_PROXY=%j bypasses the proxy for eu.api.ovh.com: %s", (noProxy, bypassed) => {
    expect(shown({ HTTPS_PROXY: "http://proxy:3128", NO_PROXY: noProxy }) === undefined).toBe(bypassed);
  });

  it("takes NO_PROXY before no_proxy, and matches IPs, IP:port and CIDRs", () => {
    const env = { HTTPS_PROXY: "http://proxy:3128" };
    const ip = new URL("https://51.68.1.10:8443/");
    expect(shown({ ...env, NO_PROXY: "example.org", no_proxy: "*" })).toBeDefined();
    expect(shown({ ...env, no_proxy: "*" })).toBeUndefined();
    expect(shown({ ...env, NO_PROXY: "51.68.1.10" }, ip)).toBeUndefined();
    expect(shown({ ...env, NO_PROXY: "51.68.1.10:8443" }, ip)).toBeUndefined();
    expect(shown({ ...env, NO_PROXY: "51.68.1.10:443" }, ip)).toBeDefined();
    expect(shown({ ...env, NO_PROXY: "51.68.1.10:" }, ip)).toBeUndefined();
    expect(shown({ ...env, NO_PROXY: "[2001:db8::1]:" }, new URL("https://[2001:db8::1]/"))).toBeUndefined();
    expect(shown({ ...env, NO_PROXY: "51.68.0.0/16" }, ip)).toBeUndefined();
    expect(shown({ ...env, NO_PROXY: "51.69.0.0/16" }, ip)).toBeDefined();
  });

  it("never sends localhost or a loopback address through a proxy", () => {
    const env = { HTTPS_PROXY: "http://proxy:3128" };
    for (const target of ["https://localhost:8443/", "https://127.0.0.1:8443/", "https://127.3.2.1/", "https://[::1]:8443/"]) {
      expect(shown(env, new URL(target))).toBeUndefined();
    }
    expect(shown(env, new URL("https://localhost.:8443/"))).toBeDefined();
  });

  it("fails on a proxy it cannot use, naming the variable, not its value", () => {
    expect(() => proxyFor(api, { HTTPS_PROXY: `socks5://ops:${PROXY_SECRET}@proxy:1080` })).toThrow(
      /the proxy socks5:\/\/proxy:1080 \(HTTPS_PROXY\) is not an HTTP proxy/,
    );
    expect(() => proxyFor(api, { https_proxy: `http://[${PROXY_SECRET}` })).toThrow(/^https_proxy is not a proxy URL \(a \d+-character value\)/);
  });
});
