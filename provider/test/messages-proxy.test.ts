import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureCertificates } from "pulumi-reinstall-simulator";
import { dedicatedServerInstallProvider } from "../src/ovh/dedicated-server-install/provider";
import { closedPort } from "./support/edis";
import { hosted } from "./support/host";
import { failureText, normalised } from "./support/normalised";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";
import { startConnectProxy, type ConnectProxyOptions } from "./support/proxy";
import { stallingHost } from "./support/stalling-host";

/**
 * The full text of each distinct failure on the way through a proxy, and of a certificate for another name,
 * pinned once (issue 11), through the real OVH client at preview. Which cause each is, and what is retried, is
 * asserted in network-cause.test.ts, proxy.test.ts and network-failures.test.ts.
 */
const ovhInputs = { serviceName: SCALE7, templateName: "debian12_64" };

describe("proxy and certificate message texts", () => {
  let f: OvhFixture;
  beforeAll(async () => {
    f = await ovhFixture();
  });
  afterAll(() => f.close());

  /** What check says when OVH is reached through `proxyAddress` (if any) at `endpoint` (default: the simulator by a name that is proxied). */
  const preview = async (proxyAddress: string | undefined, endpoint = f.sim.endpoint.replace("127.0.0.1", "localhost."), connectTimeoutMs = 10_000) => {
    const c = f.sim.credentials;
    const env = {
      OVH_ENDPOINT: endpoint,
      OVH_APPLICATION_KEY: c.applicationKey,
      OVH_APPLICATION_SECRET: c.applicationSecret,
      OVH_CONSUMER_KEY: c.consumerKey,
      HTTPS_PROXY: proxyAddress,
    };
    const host = await hosted(dedicatedServerInstallProvider, f.clock, env, {}, { connectTimeoutMs });
    return failureText(await failureOf(host.provider.check({}, ovhInputs)));
  };
  const throughProxy = async (options: ConnectProxyOptions, endpoint?: string) => {
    const proxy = await startConnectProxy(options);
    return preview(proxy.address, endpoint).finally(() => proxy.close());
  };

  it("proxies that refuse, do not speak HTTP, hold an untrusted certificate, drop the tunnel or never connect", async () => {
    const untrusted = ensureCertificates(fs.mkdtempSync(path.join(os.tmpdir(), "untrusted-proxy-")));
    const stalling = await stallingHost();
    try {
      const texts = [
        await throughProxy({ refuseWith: 403 }),
        await throughProxy({ refuseWith: 502 }),
        await preview(`http://${new URL(f.sim.endpoint).host}`),
        await throughProxy({ tls: untrusted }),
        await throughProxy({ closeAfterConnect: true }),
        // A short deadline only where it is the point: on a loaded machine a refusal may take longer than 0.2 s.
        await preview(`http://${stalling.host}`, undefined, 200),
      ];
      expect(texts).toMatchInlineSnapshot(`
[
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the proxy http://127.0.0.1:<port> (HTTPS_PROXY) refused a tunnel to localhost.:<port> (HTTP 403); the request was not sent
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  next: ask for localhost.:<port> to be allowed through the proxy, or list localhost. in NO_PROXY, then run \`pulumi up\` again",
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the proxy http://127.0.0.1:<port> (HTTPS_PROXY) refused a tunnel to localhost.:<port> (HTTP 502); the request was not sent
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  next: the proxy could not reach localhost.:<port>: check the host name in ovh:endpoint / OVH_ENDPOINT, or list localhost. in NO_PROXY if it is reachable directly, then run \`pulumi up\` again",
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the proxy http://127.0.0.1:<port> (HTTPS_PROXY) did not answer CONNECT as an HTTP proxy (ECONNRESET); the request to localhost.:<port> was not sent
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  next: check the proxy's address in HTTPS_PROXY and that it runs, or list localhost. in NO_PROXY to connect directly, then run \`pulumi up\` again",
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the certificate of the proxy https://127.0.0.1:<port> (HTTPS_PROXY) is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); the request to localhost.:<port> was not sent
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  next: set NODE_EXTRA_CA_CERTS in the environment of pulumi to the CA that signs the proxy's certificate, or set HTTPS_PROXY to the proxy's http:// address, then run \`pulumi up\` again",
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the request failed: ECONNRESET (host localhost.:<port>, through the proxy http://127.0.0.1:<port> (HTTPS_PROXY))
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates, after 6 attempts
  next: check that localhost.:<port> is reachable from where Pulumi runs and that the proxy lets it through, then run \`pulumi up\` again",
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: no connection to localhost.:<port> through the proxy http://127.0.0.1:<port> (HTTPS_PROXY) within 0.2 s (ERR_CONNECT_TIMEOUT); the request was not sent
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  next: check that the proxy in HTTPS_PROXY runs and may reach localhost.:<port>, or list localhost. in NO_PROXY to connect directly, then run \`pulumi up\` again",
]
`);
    } finally {
      await stalling.close();
      fs.rmSync(untrusted.dir, { recursive: true, force: true });
    }
  });

  it("a certificate for another name, and a refused connection to a host that is not this machine's loopback name", async () => {
    const port = new URL(f.sim.endpoint).port;
    const otherName = await throughProxy({ resolve: { "ovh.example.test": "127.0.0.1" } }, `https://ovh.example.test:${port}/1.0`);
    // 0.0.0.0 reaches this machine on Linux, yet is not one of the names the simulator is reached by.
    const closed = await closedPort();
    const refused = await preview(undefined, `https://0.0.0.0:${closed}/1.0`);
    expect(normalised([otherName, refused], { port, closed })).toMatchInlineSnapshot(`
[
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the certificate of ovh.example.test:<port> is for another name (ERR_TLS_CERT_ALTNAME_INVALID); the request was not sent
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  next: set ovh:endpoint / OVH_ENDPOINT to a name the certificate holds (the simulator's: localhost, 127.0.0.1 or ::1), then run \`pulumi up\` again",
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: 0.0.0.0:<closed> refused the connection (ECONNREFUSED (errno <n>)): nothing listens there; the request was not sent
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  next: check ovh:endpoint / OVH_ENDPOINT and that the API is up, then run \`pulumi up\` again",
]
`);
  });
});
