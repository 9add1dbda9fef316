import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EDIS_ROUTES, OVH_ROUTES, ensureCertificates, startOvhSimulator } from "pulumi-reinstall-simulator";
import { VirtualClock } from "../src/clock";
import { kvmReinstallProvider } from "../src/edis/kvm-reinstall/provider";
import { dedicatedServerInstallProvider } from "../src/ovh/dedicated-server-install/provider";
import { closedPort, edisFixture } from "./support/edis";
import { hosted } from "./support/host";
import { failureText } from "./support/normalised";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7 } from "./support/ovh";
import { startConnectProxy } from "./support/proxy";
import { stallingHost } from "./support/stalling-host";

/**
 * The full text of each distinct failure to get a usable answer, pinned once (issue 11): connections that fail
 * (which host, why, the fix), and answers the provider cannot use, through the real clients and check at preview.
 */
const ovhInputs = { serviceName: SCALE7, templateName: "debian12_64" };
const application = { OVH_APPLICATION_KEY: "ak", OVH_APPLICATION_SECRET: "as", OVH_CONSUMER_KEY: "ck" };

describe("network and answer message texts", () => {
  const clock = new VirtualClock();
  const ovhPreview = async (env: NodeJS.ProcessEnv, connectTimeoutMs?: number) => {
    const host = await hosted(dedicatedServerInstallProvider, clock, env, {}, connectTimeoutMs ? { connectTimeoutMs } : {});
    return failureText(await failureOf(host.provider.check({}, ovhInputs)));
  };

  it("connections to OVH that fail before a request is sent", async () => {
    const untrusted = ensureCertificates(fs.mkdtempSync(path.join(os.tmpdir(), "untrusted-sim-")));
    const sim = await startOvhSimulator({ certs: untrusted, now: () => clock.now() });
    const stalling = await stallingHost();
    const nowhere = `https://127.0.0.1:${await closedPort()}/1.0`;
    try {
      const texts = [
        await ovhPreview({ OVH_ENDPOINT: "https://ovh-api.invalid/1.0", ...application }),
        await ovhPreview({ OVH_ENDPOINT: sim.endpoint, ...application }),
        await ovhPreview({ OVH_ENDPOINT: `https://${stalling.host}/1.0`, ...application }, 200),
        await ovhPreview({ OVH_ENDPOINT: nowhere, OVH_CLIENT_ID: "id", OVH_CLIENT_SECRET: "secret" }),
      ];
      expect(texts).toMatchInlineSnapshot(`
[
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the host name ovh-api.invalid does not resolve (ENOTFOUND (errno <n>)); the request was not sent
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  next: check the host name in ovh:endpoint / OVH_ENDPOINT; if names outside resolve only through a proxy here, set HTTPS_PROXY in the environment of pulumi, then run \`pulumi up\` again",
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the certificate of 127.0.0.1:<port> is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); the request was not sent
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  next: set NODE_EXTRA_CA_CERTS in the environment of pulumi to the CA that signs it — for the simulator, the path \`reinstall-sim certs\` prints (\`node simulator/dist/cli.js certs\` in a checkout); behind a TLS-inspecting proxy, your corporate CA — then run \`pulumi up\` again",
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: 127.0.0.1:<port> did not accept a connection within 0.2 s (ERR_CONNECT_TIMEOUT: no TCP connection, or no TLS handshake); the request was not sent
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  next: check the address in ovh:endpoint / OVH_ENDPOINT, and that no firewall drops traffic from this machine to 127.0.0.1:<port>; if outside hosts are reachable only through a proxy here, set HTTPS_PROXY in the environment of pulumi, then run \`pulumi up\` again",
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: 127.0.0.1:<port> refused the connection (ECONNREFUSED (errno <n>)): nothing listens there; the request was not sent (getting an OAuth2 token; GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates was not sent)
  call: POST /auth/oauth2/token
  next: is reinstall-sim running, on this port? Start it and use the endpoints it prints, then run \`pulumi up\` again",
]
`);
    } finally {
      await Promise.all([sim.close(), stalling.close()]);
      fs.rmSync(untrusted.dir, { recursive: true, force: true });
    }
  });

  it("proxies that refuse the tunnel or cannot be reached", async () => {
    const f = await ovhFixture();
    const proxy = await startConnectProxy({ refuseWith: 407 });
    try {
      // A loopback address is never proxied (as in Go): the simulator is reached by another name of it.
      const endpoint = f.sim.endpoint.replace("127.0.0.1", "localhost.");
      const down = `http://127.0.0.1:${await closedPort()}`;
      const texts = [
        await ovhPreview({ OVH_ENDPOINT: endpoint, ...application, HTTPS_PROXY: proxy.address }),
        await ovhPreview({ OVH_ENDPOINT: endpoint, ...application, HTTPS_PROXY: down }),
      ];
      expect(texts).toMatchInlineSnapshot(`
[
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the proxy http://127.0.0.1:<port> (HTTPS_PROXY) refused a tunnel to localhost.:<port> (HTTP 407); the request was not sent
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  next: the proxy wants credentials: put them in HTTPS_PROXY as http://user:password@host:port, then run \`pulumi up\` again",
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the proxy http://127.0.0.1:<port> (HTTPS_PROXY) cannot be reached (ECONNREFUSED (errno <n>)); the request to localhost.:<port> was not sent
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  next: check the proxy's address in HTTPS_PROXY and that it runs, or list localhost. in NO_PROXY to connect directly, then run \`pulumi up\` again",
]
`);
    } finally {
      await Promise.all([proxy.close(), f.close()]);
    }
  });

  it("OVH answers the provider cannot use: after retries, not JSON, not of the expected shape, no OAuth2 token", async () => {
    const texts: string[] = [];
    for (const [fault, oauth2] of [
      [{ route: OVH_ROUTES.compatibleTemplates, kind: "reset", times: 100 }, false],
      [{ route: OVH_ROUTES.compatibleTemplates, kind: "status", status: 503, times: 100 }, false],
      [{ route: OVH_ROUTES.compatibleTemplates, kind: "status", status: 502, text: "<html>502 Bad Gateway</html>", times: 100 }, false],
      [{ route: OVH_ROUTES.template, kind: "status", status: 200, body: { templateName: 42 } }, false],
      [{ route: OVH_ROUTES.oauth2Token, kind: "status", status: 500, times: 100 }, true],
    ] as const) {
      const f = await ovhFixture({ oauth2 });
      f.sim.inject(fault);
      texts.push(
        await failureOf(f.provider.check({}, ovhInputs))
          .then((e) => failureText(e))
          .finally(() => f.close()),
      );
    }
    expect(texts).toMatchInlineSnapshot(`
[
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the request failed: ECONNRESET (errno <n>) (host 127.0.0.1:<port>)
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates, after 6 attempts
  next: check that 127.0.0.1:<port> is reachable from where Pulumi runs, then run \`pulumi up\` again",
  "OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH answered HTTP 503
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates, after 6 attempts
  API said: HTTP 503 Server::InternalServerError "Internal server error"
  next: OVH had a problem or is busy: run \`pulumi up\` again (a running install is resumed, not restarted)",
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH answered with a body that is not JSON (a gateway error page?)
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates, after 6 attempts
  next: check that the OVH endpoint is reachable from where Pulumi runs, then run \`pulumi up\` again",
  "OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH's answer does not have the expected shape (templateName: Invalid input: expected string, received number; noPartitioning: Invalid input: expected boolean, received undefined; softRaidOnlyMirroring: Invalid input: expected boolean, received undefined)
  call: GET /dedicated/installationTemplate/debian12_64
  API said: HTTP 200
  next: the OVH API may have changed; please report this to the pulumi-reinstall maintainers with the call above",
  "NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH's OAuth2 token endpoint gave no usable answer (HTTP 500); the call was not sent
  call: POST /auth/oauth2/token, after 6 attempts
  next: check that https://127.0.0.1:<port>/1.0 is reachable and its certificate trusted (for the simulator, export NODE_EXTRA_CA_CERTS=<the CA path reinstall-sim prints> before running pulumi), then run \`pulumi up\` again",
]
`);
  });

  it("an OVH read that never answers", async () => {
    const f = await ovhFixture();
    const c = f.sim.credentials;
    f.sim.inject({ route: OVH_ROUTES.compatibleTemplates, kind: "hang", times: 100 });
    const env = {
      OVH_ENDPOINT: f.sim.endpoint,
      OVH_APPLICATION_KEY: c.applicationKey,
      OVH_APPLICATION_SECRET: c.applicationSecret,
      OVH_CONSUMER_KEY: c.consumerKey,
    };
    // A short request timeout, so that six attempts take a moment.
    const host = await hosted(dedicatedServerInstallProvider, f.clock, env, {}, { requestTimeoutMs: 200 });
    const text = await failureOf(host.provider.check({}, ovhInputs))
      .then((e) => failureText(e))
      .finally(() => f.close());
    expect(text).toMatchInlineSnapshot(`
"NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: no answer within 200 ms
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates, after 6 attempts
  next: check that the OVH endpoint is reachable from where Pulumi runs, then run \`pulumi up\` again"
`);
  });

  it("an OVH clock that cannot be read: node-ovh's own sentence", async () => {
    const f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.authTime, kind: "status", status: 500, times: 100 });
    const text = await failureOf(f.provider.check({}, ovhInputs))
      .then((e) => failureText(e))
      .finally(() => f.close());
    expect(text).toMatchInlineSnapshot(`
"NETWORK_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the request failed: [OVH] Unable to fetch OVH API time
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates, after 6 attempts
  next: check that https://127.0.0.1:<port>/1.0 is reachable and its certificate trusted (for the simulator, export NODE_EXTRA_CA_CERTS=<the CA path reinstall-sim prints> before running pulumi), then run \`pulumi up\` again"
`);
  });

  it("EDIS: a session host that refuses, and answers the provider cannot use", async () => {
    const refused = await hosted(kvmReinstallProvider, clock, {
      EDIS_SESSION_URL: `https://127.0.0.1:${await closedPort()}`,
      EDIS_EMAIL: "ops@example.com",
      EDIS_PASSWORD: "pw",
    });
    const texts = [
      failureText(
        await failureOf(refused.provider.check({}, { kvmId: "kvm_123456_789012", image: "cloudinit_debian-bookworm", password: "Rt+&=9correct-horse" })),
      ),
    ];
    for (const fault of [
      { route: EDIS_ROUTES.images, kind: "status", status: 500, times: 100 },
      { route: EDIS_ROUTES.images, kind: "status", status: 502, text: "<html>502 Bad Gateway</html>", times: 100 },
    ] as const) {
      const f = await edisFixture();
      f.sim.inject(fault);
      texts.push(
        await failureOf(f.provider.check({}, f.inputs()))
          .then((e) => failureText(e))
          .finally(() => f.close()),
      );
    }
    expect(texts).toMatchInlineSnapshot(`
[
  "NETWORK_ERROR: KvmReinstall kvm_123456_789012: 127.0.0.1:<port> refused the connection (ECONNREFUSED): nothing listens there; the request was not sent
  call: POST 127.0.0.1:<port>/kvm/v2/get/auth
  next: is reinstall-sim running, on this port? Start it and use the endpoints it prints, then run \`pulumi up\` again",
  "EDIS_API_ERROR: KvmReinstall kvm_123456_789012: EDIS answered HTTP 500
  call: POST 127.0.0.1:<port>/kvm/v2/get/images, after 6 attempts
  API said: HTTP 500 "Internal Server Error"
  next: EDIS had a problem or is busy: run \`pulumi up\` again",
  "EDIS_API_ERROR: KvmReinstall kvm_123456_789012: EDIS answered HTTP 502 with a body that is not JSON
  call: POST 127.0.0.1:<port>/kvm/v2/get/images, after 6 attempts
  API said: HTTP 502
  next: EDIS had a problem or is busy: run \`pulumi up\` again",
]
`);
  });
});
