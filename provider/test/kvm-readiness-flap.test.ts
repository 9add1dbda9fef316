import * as net from "node:net";
import { EDIS_ROUTES, REINSTALL_PHASES, SSH_BANNER } from "pulumi-reinstall-simulator";
import { EDGE1, edisFixture, type EdisFixture } from "./support/edis";

/** Seconds into the simulator's 300-s reinstall at which a phase begins. */
const phaseStart = (phase: string) => REINSTALL_PHASES.find((p) => p.phase === phase)!.from * 300;

/**
 * The VPS's SSH port as the simulator has it, except for 1.5 s from `flapAtSeconds` into the reinstall, when it is the
 * other way round: a real TCP listener, deciding per connection from the virtual clock.
 */
async function flappingPort(f: EdisFixture, flapAtSeconds: number): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    socket.on("error", () => undefined);
    const sent = f.sim.journal.find((e) => e.route === EDIS_ROUTES.reinstall);
    const elapsed = sent ? (f.clock.now() - sent.at) / 1000 : -1;
    const flapping = elapsed >= flapAtSeconds && elapsed < flapAtSeconds + 1.5;
    if (f.sim.vps(EDGE1).portOpen === flapping) return void socket.resetAndDestroy();
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.write(SSH_BANNER);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe("KvmReinstall readiness with a port that flaps", () => {
  let f: EdisFixture;
  let stand: { port: number; close: () => Promise<void> } | undefined;
  afterEach(async () => {
    await stand?.close();
    await f.close();
  });

  const readyAfterFlapAt = async (flapAt: number) => {
    f = await edisFixture();
    stand = await flappingPort(f, flapAt);
    const { outs } = await f.up(f.inputs(EDGE1, { readinessPort: stand.port }));
    return (Date.parse(outs.readyAt as string) - Date.parse(outs.reinstalledAt as string)) / 1000;
  };

  it("a service dropping for a second during first boot (cloud-init restarting sshd) is not taken for the final reboot: ready only after it", async () => {
    expect(await readyAfterFlapAt(phaseStart("first-boot") + 10)).toBeGreaterThanOrEqual(phaseStart("up"));
  });

  it("a port answering for a second while the installer runs (its network console) is not taken for the first boot: ready only after the final reboot", async () => {
    expect(await readyAfterFlapAt(phaseStart("installing") + 60)).toBeGreaterThanOrEqual(phaseStart("up"));
  });
});
