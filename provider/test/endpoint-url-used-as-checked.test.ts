import * as net from "node:net";
import { EDIS_ROUTES, OVH_ROUTES } from "pulumi-reinstall-simulator";
import { throwawaySshKey } from "../../harness/ssh-key";
import { edisAccountEnv, edisFixture, type EdisFixture } from "./support/edis";
import { applicationKeyEnv, ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const inputs = () => ({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: throwawaySshKey() } });

/**
 * A TCP forwarder listening on [::1] to a 127.0.0.1 port named later (`to`): the simulator's certificate also names ::1,
 * and the fixture's environment, which names the forwarder, is made before the simulator's port is known to the test.
 */
async function ipv6Forwarder(): Promise<{ port: number; to: (port: number) => void; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let target = 0;
  const server = net.createServer((inbound) => {
    const outbound = net.connect(target, "127.0.0.1");
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on("error", () => undefined);
      s.on("close", () => sockets.delete(s));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, "::1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    to: (port) => (target = port),
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe("an endpoint URL the configuration accepts is the one the client calls", () => {
  let f: OvhFixture | EdisFixture | undefined;
  let forwarder: { close: () => Promise<void> } | undefined;
  afterEach(async () => {
    await forwarder?.close();
    await f?.close();
    f = forwarder = undefined;
  });

  it("OVH: an endpoint whose scheme is in capitals (HTTPS://), accepted as an https URL, installs through it", async () => {
    const ovh = await ovhFixture({ env: (sim) => ({ OVH_ENDPOINT: sim.endpoint.replace(/^https:/, "HTTPS:"), ...applicationKeyEnv(sim) }) });
    f = ovh;
    const { outs } = await ovh.up(inputs());
    expect(outs).toMatchObject({ taskStatus: "done" });
  });

  it("OVH: an OAuth2 service account with an endpoint URL whose scheme is in capitals is not refused as a named endpoint without OAuth2", async () => {
    const ovh = await ovhFixture({
      env: (sim) => ({ OVH_ENDPOINT: sim.endpoint.replace(/^https:/, "HTTPS:"), OVH_CLIENT_ID: sim.credentials.clientId, OVH_CLIENT_SECRET: sim.credentials.clientSecret }),
    });
    f = ovh;
    const { outs } = await ovh.up(inputs());
    expect(outs).toMatchObject({ taskStatus: "done" });
  });

  it("OVH: an endpoint URL whose host is an IPv6 address ([::1]), accepted as an https URL, installs through it", async () => {
    const ipv6 = await ipv6Forwarder();
    forwarder = ipv6;
    const ovh = await ovhFixture({
      env: (sim) => {
        ipv6.to(Number(new URL(sim.endpoint).port));
        return { OVH_ENDPOINT: `https://[::1]:${ipv6.port}/1.0`, ...applicationKeyEnv(sim) };
      },
    });
    f = ovh;
    const { outs } = await ovh.up(inputs());
    expect(outs).toMatchObject({ taskStatus: "done" });
    expect(ovh.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
  });

  it("EDIS: a session URL ending in an empty query (https://host?) is refused as one with a query, or its login still goes to /kvm/v2/get/auth", async () => {
    const edis = await edisFixture({ env: (sim) => ({ ...edisAccountEnv(sim), EDIS_SESSION_URL: `${sim.sessionUrl}?` }) });
    f = edis;
    // Refused, nothing is sent; taken as the URL without it, the login reaches get/auth. Either way not a login sent to
    // "/?/kvm/v2/get/auth", a path of "/" with the real path as its query.
    const refusal = await edis.provider.check({}, edis.inputs()).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (refusal === undefined) expect(edis.sim.count({ route: EDIS_ROUTES.auth })).toBe(1);
    else expect(refusal).toMatchObject({ code: "CONFIG_ERROR", message: expect.stringMatching(/has a query or a fragment/) });
  });
});
