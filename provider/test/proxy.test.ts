import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import {
  EDIS_ROUTES,
  OVH_ROUTES,
  ensureCertificates,
  startEdisSimulator,
  startOvhSimulator,
  type EdisSimulator,
  type OvhSimulator,
} from "pulumi-reinstall-simulator";
import { VirtualClock } from "../src/clock";
import { kvmReinstallProvider } from "../src/edis/kvm-reinstall/provider";
import { dedicatedServerInstallProvider } from "../src/ovh/dedicated-server-install/provider";
import { EDGE1, ROOT_PASSWORD, closedPort } from "./support/edis";
import { hosted } from "./support/host";
import { failureOf } from "./support/failure-of";
import { SCALE7 } from "./support/ovh";
import { PROXY_SECRET, startConnectProxy, type ConnectProxy } from "./support/proxy";
import { stallingHost } from "./support/stalling-host";

/**
 * Go never proxies localhost or a loopback address, so the simulator is reached by the fully-qualified `localhost.`:
 * another name to the proxy decision, the same one to the certificate check (node compares names without the final
 * dot). Only the proxy resolves it, as a corporate proxy resolves names the machine cannot.
 */
const viaProxyName = (url: string) => url.replace("127.0.0.1", "localhost.");
const resolve = { "localhost.": "127.0.0.1" };

describe("OVH and EDIS through a CONNECT proxy", () => {
  const clock = new VirtualClock();
  let proxy: ConnectProxy;
  let ovh: OvhSimulator;
  let edis: EdisSimulator;
  beforeEach(async () => {
    ovh = await startOvhSimulator({ installSeconds: 660, now: () => clock.now() });
    edis = await startEdisSimulator({ reinstallSeconds: 300, now: () => clock.now() });
  });
  afterEach(async () => {
    await proxy?.close();
    await Promise.all([ovh.close(), edis.close()]);
  });

  const withCredentials = (address: string) => address.replace("://", `://ops:${PROXY_SECRET}@`);
  const ovhEnv = (extra: NodeJS.ProcessEnv, oauth2 = false) => {
    const c = ovh.credentials;
    const credentials = oauth2
      ? { OVH_CLIENT_ID: c.clientId, OVH_CLIENT_SECRET: c.clientSecret }
      : { OVH_APPLICATION_KEY: c.applicationKey, OVH_APPLICATION_SECRET: c.applicationSecret, OVH_CONSUMER_KEY: c.consumerKey };
    return { OVH_ENDPOINT: viaProxyName(ovh.endpoint), ...credentials, ...extra };
  };
  const ovhInputs = { serviceName: SCALE7, templateName: "debian12_64", customHostname: "web-1" };
  const edisEnv = (extra: NodeJS.ProcessEnv) => ({
    EDIS_SESSION_URL: viaProxyName(edis.sessionUrl),
    EDIS_EMAIL: edis.credentials.email,
    EDIS_PASSWORD: edis.credentials.password,
    ...extra,
  });
  const edisInputs = () => ({ kvmId: EDGE1, image: "cloudinit_debian-bookworm", password: ROOT_PASSWORD, readinessPort: edis.vps(EDGE1).port });

  it.each([
    ["an application key", false],
    ["OAuth2", true],
  ])("OVH with %s: an install goes through the proxy's tunnel, with its credentials, trusting the simulator's CA inside", async (_what, oauth2) => {
    proxy = await startConnectProxy({ resolve });
    const host = await hosted(dedicatedServerInstallProvider, clock, ovhEnv({ HTTPS_PROXY: withCredentials(proxy.address) }, oauth2));
    const { outs } = await host.up(ovhInputs);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(ovh.count({ route: OVH_ROUTES.reinstall })).toBe(1);
    const target = new URL(viaProxyName(ovh.endpoint)).host;
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([target]));
    expect(new Set(proxy.credentials)).toEqual(new Set([`ops:${PROXY_SECRET}`]));
  });

  it("OVH through an https:// proxy: TLS to the proxy under the proxy's own name, then the API's TLS inside the tunnel", async () => {
    proxy = await startConnectProxy({ resolve, tls: ensureCertificates() });
    const named = proxy.address.replace("127.0.0.1", "localhost");
    const host = await hosted(dedicatedServerInstallProvider, clock, ovhEnv({ HTTPS_PROXY: withCredentials(named) }));
    const { outs } = await host.up(ovhInputs);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(viaProxyName(ovh.endpoint)).host]));
    expect(new Set(proxy.credentials)).toEqual(new Set([`ops:${PROXY_SECRET}`]));
    // The proxy's certificate is checked against the proxy's name, not the API's (a real proxy's certificate holds only its own).
    expect(proxy.serverNames.length).toBeGreaterThan(0);
    expect(new Set(proxy.serverNames)).toEqual(new Set(["localhost"]));
  });

  it("OVH: an install POST whose tunnel is reset after OVH acted is never sent again: the task it created is adopted", async () => {
    proxy = await startConnectProxy({ resolve });
    ovh.inject({ route: OVH_ROUTES.reinstall, kind: "reset", when: "after" });
    const host = await hosted(dedicatedServerInstallProvider, clock, ovhEnv({ HTTPS_PROXY: withCredentials(proxy.address) }));
    const { outs } = await host.up(ovhInputs);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(ovh.count({ route: OVH_ROUTES.reinstall })).toBe(1);
  });

  it("EDIS: a set/reinstall whose tunnel is reset after EDIS acted is reported as a start that may have happened, never sent again", async () => {
    proxy = await startConnectProxy({ resolve });
    edis.inject({ route: EDIS_ROUTES.reinstall, kind: "reset", when: "after" });
    const host = await hosted(kvmReinstallProvider, clock, edisEnv({ HTTPS_PROXY: withCredentials(proxy.address) }));
    const error = await failureOf(host.up(edisInputs()));
    expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(PROXY_SECRET);
    expect(edis.count({ route: EDIS_ROUTES.reinstall })).toBe(1);
  });

  it("a proxy password with no user name is still sent, as Go sends any userinfo (`:token`)", async () => {
    proxy = await startConnectProxy({ resolve });
    const host = await hosted(kvmReinstallProvider, clock, edisEnv({ HTTPS_PROXY: proxy.address.replace("://", `://:${PROXY_SECRET}@`) }));
    await host.provider.check({}, edisInputs());
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.credentials)).toEqual(new Set([`:${PROXY_SECRET}`]));
  });

  it("EDIS: get/auth on the session host goes through the tunnel; the loopback api_host the simulator names does not", async () => {
    proxy = await startConnectProxy({ resolve });
    const host = await hosted(kvmReinstallProvider, clock, edisEnv({ https_proxy: proxy.address }));
    await host.up(edisInputs());
    expect(edis.count({ route: EDIS_ROUTES.reinstall })).toBe(1);
    expect(edis.count({ route: EDIS_ROUTES.auth })).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(viaProxyName(edis.sessionUrl)).host]));
  });

  it("NO_PROXY sends the request around the proxy: the proxy sees nothing, and the name is resolved here", async () => {
    proxy = await startConnectProxy({ resolve });
    const host = await hosted(dedicatedServerInstallProvider, clock, ovhEnv({ HTTPS_PROXY: proxy.address, NO_PROXY: "example.org,localhost." }));
    const error = await failureOf(host.provider.check({}, ovhInputs));
    expect(proxy.tunnels).toEqual([]);
    expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { code: "ENOTFOUND" } });
    expect(error.message).not.toMatch(/proxy \S+ \(HTTPS_PROXY\)/);
  });

  it("a proxy that wants credentials fails at once, naming the proxy without credentials and asking for them", async () => {
    proxy = await startConnectProxy({ refuseWith: 407 });
    const host = await hosted(kvmReinstallProvider, clock, edisEnv({ HTTPS_PROXY: withCredentials(proxy.address) }));
    const error = await failureOf(host.provider.check({}, edisInputs()));
    expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { proxyStatus: 407 } });
    expect(error.message).toContain(
      `the proxy ${proxy.address} (HTTPS_PROXY) refused a tunnel to ${new URL(viaProxyName(edis.sessionUrl)).host} (HTTP 407); the request was not sent`,
    );
    expect(error.message).toMatch(/next: the proxy wants credentials: put them in HTTPS_PROXY as http:\/\/user:password@host:port/);
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(PROXY_SECRET);
    expect(proxy.tunnels).toHaveLength(1);
    expect(edis.count()).toBe(0);
  });

  it("a password with a broken %-escape in HTTPS_PROXY is a config error naming the variable (a URL Go cannot parse either)", async () => {
    proxy = await startConnectProxy({ resolve });
    const broken = proxy.address.replace("http://", `http://ops:${PROXY_SECRET}%zz@`);
    const host = await hosted(kvmReinstallProvider, clock, edisEnv({ HTTPS_PROXY: broken }));
    const error = await failureOf(host.provider.check({}, edisInputs()));
    expect(error).toMatchObject({ code: "CONFIG_ERROR" });
    expect(error.message).toMatch(/: HTTPS_PROXY is not a proxy URL \(a \d+-character value\)/);
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(PROXY_SECRET);
    expect(proxy.tunnels).toEqual([]);
    expect(edis.count()).toBe(0);
  });

  it.each(["OVH", "EDIS"])("%s: an https:// proxy whose certificate is not trusted is named as the one at fault, not the API host", async (api) => {
    const untrusted = ensureCertificates(fs.mkdtempSync(path.join(os.tmpdir(), "untrusted-proxy-")));
    try {
      proxy = await startConnectProxy({ resolve, tls: untrusted });
      const env = { HTTPS_PROXY: withCredentials(proxy.address) };
      const error = await failureOf(
        api === "OVH"
          ? (await hosted(dedicatedServerInstallProvider, clock, ovhEnv(env))).provider.check({}, ovhInputs)
          : (await hosted(kvmReinstallProvider, clock, edisEnv(env))).provider.check({}, edisInputs()),
      );
      const target = new URL(viaProxyName(api === "OVH" ? ovh.endpoint : edis.sessionUrl)).host;
      expect(error).toMatchObject({
        code: "NETWORK_ERROR",
        network: { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE", proxy: `${proxy.address} (HTTPS_PROXY)`, atProxy: true },
      });
      expect(error.message).toContain(
        `the certificate of the proxy ${proxy.address} (HTTPS_PROXY) is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); the request to ${target} was not sent`,
      );
      expect(error.message).toMatch(
        /next: set NODE_EXTRA_CA_CERTS in the environment of pulumi to the CA that signs the proxy's certificate, or set HTTPS_PROXY to the proxy's http:\/\/ address/,
      );
      expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(PROXY_SECRET);
      expect(proxy.tunnels).toEqual([]);
      expect(ovh.count() + edis.count()).toBe(0);
    } finally {
      fs.rmSync(untrusted.dir, { recursive: true, force: true });
    }
  });

  it("HTTPS_PROXY pointing at something that is no HTTP proxy (an SSH port) fails at once, naming the proxy", async () => {
    const ssh = net.createServer((socket) => socket.end("SSH-2.0-OpenSSH_9.6\r\n", () => socket.destroy()));
    await new Promise<void>((listening) => ssh.listen(0, "127.0.0.1", listening));
    const notAProxy = `http://127.0.0.1:${(ssh.address() as net.AddressInfo).port}`;
    let connections = 0;
    ssh.on("connection", () => connections++);
    try {
      const host = await hosted(kvmReinstallProvider, clock, edisEnv({ HTTPS_PROXY: withCredentials(notAProxy) }));
      const error = await failureOf(host.provider.check({}, edisInputs()));
      expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { proxy: `${notAProxy} (HTTPS_PROXY)`, atProxy: true, firstContact: true } });
      expect(error.message).toContain(
        `the proxy ${notAProxy} (HTTPS_PROXY) did not answer CONNECT as an HTTP proxy (HPE_INVALID_CONSTANT); the request to ${new URL(viaProxyName(edis.sessionUrl)).host} was not sent`,
      );
      expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(PROXY_SECRET);
      expect(connections).toBe(1);
      expect(edis.count()).toBe(0);
    } finally {
      await new Promise((closed) => ssh.close(closed));
    }
  });

  it("a connection dropped inside the tunnel names the proxy it went through, which may be the one that dropped it", async () => {
    proxy = await startConnectProxy({ closeAfterConnect: true });
    const host = await hosted(kvmReinstallProvider, clock, edisEnv({ HTTPS_PROXY: withCredentials(proxy.address) }));
    const error = await failureOf(host.provider.check({}, edisInputs()));
    const target = new URL(viaProxyName(edis.sessionUrl)).host;
    expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { code: "ECONNRESET", proxy: `${proxy.address} (HTTPS_PROXY)` } });
    expect(error.message).toContain(`the request failed: ECONNRESET (host ${target}, through the proxy ${proxy.address} (HTTPS_PROXY))`);
    expect(error.message).toMatch(/next: check that localhost\.:\d+ is reachable from where Pulumi runs and that the proxy lets it through/);
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(PROXY_SECRET);
    expect(edis.count()).toBe(0);
  });

  it.each(["OVH", "EDIS"])("%s: asks the proxy for an IPv6 endpoint as [address]:port, as Go writes a CONNECT authority", async (api) => {
    proxy = await startConnectProxy({ refuseWith: 403 });
    const error = await failureOf(
      api === "OVH"
        ? (
            await hosted(dedicatedServerInstallProvider, clock, { ...ovhEnv({ HTTPS_PROXY: proxy.address }), OVH_ENDPOINT: "https://[2001:db8::1]/1.0" })
          ).provider.check({}, ovhInputs)
        : (await hosted(kvmReinstallProvider, clock, { ...edisEnv({ HTTPS_PROXY: proxy.address }), EDIS_SESSION_URL: "https://[2001:db8::1]" })).provider.check(
            {},
            edisInputs(),
          ),
    );
    expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { proxyStatus: 403 } });
    expect(proxy.tunnels).toEqual(["[2001:db8::1]:443"]);
  });

  it("a proxy that is down fails at once, naming the proxy without credentials and the fix", async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const host = await hosted(dedicatedServerInstallProvider, clock, ovhEnv({ HTTPS_PROXY: withCredentials(down) }));
    const error = await failureOf(host.provider.check({}, ovhInputs));
    expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { code: "ECONNREFUSED", proxy: `${down} (HTTPS_PROXY)`, firstContact: true } });
    expect(error.message).toContain(`the proxy ${down} (HTTPS_PROXY) cannot be reached (ECONNREFUSED`);
    expect(error.message).toMatch(/next: check the proxy's address in HTTPS_PROXY and that it runs, or list localhost\. in NO_PROXY/);
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(PROXY_SECRET);
    expect(ovh.count()).toBe(0);
  });
  it.each([
    ["a proxy that never answers CONNECT", "proxy"],
    ["a tunnel to a host that never completes the TLS handshake", "target"],
  ])("%s: the connect deadline covers CONNECT and handshake together, and fails at once naming host and proxy", async (_what, silent) => {
    const dark = await stallingHost();
    try {
      proxy = await startConnectProxy({ resolve });
      const [sessionUrl, address] =
        silent === "proxy"
          ? [viaProxyName(edis.sessionUrl), `http://${dark.host}`]
          : [`https://localhost.:${new URL(`https://${dark.host}`).port}`, proxy.address];
      const host = await hosted(
        kvmReinstallProvider,
        clock,
        edisEnv({ EDIS_SESSION_URL: sessionUrl, HTTPS_PROXY: withCredentials(address) }),
        {},
        { connectTimeoutMs: 300 },
      );
      const error = await failureOf(host.provider.check({}, edisInputs()));
      expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { code: "ERR_CONNECT_TIMEOUT", proxy: `${address} (HTTPS_PROXY)`, firstContact: true } });
      expect(error.message).toContain(`no connection to ${new URL(sessionUrl).host} through the proxy ${address} (HTTPS_PROXY) within 0.3 s`);
      expect(error.message).toMatch(/next: check that the proxy in HTTPS_PROXY runs and may reach \S+, or list localhost\. in NO_PROXY/);
      expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(PROXY_SECRET);
      expect(dark.stalled()).toBe(1);
      expect(edis.count()).toBe(0);
    } finally {
      await dark.close();
    }
  });
});
