import * as net from "node:net";
import { EDIS_ROUTES, SSH_BANNER } from "pulumi-reinstall-simulator";
import { readinessSchedule } from "../src/edis/kvm-reinstall/wait";
import { EDGE1, edisFixture, phaseStartMs, type EdisFixture } from "./support/edis";

/** Seconds into the simulator's 300-s reinstall at which a phase begins. */
const phaseStart = (phase: Parameters<typeof phaseStartMs>[0]) => phaseStartMs(phase) / 1000;

/**
 * A stand-in for the VPS's SSH port: a real TCP listener that answers a connection or resets it as `answers` says,
 * from the seconds since set/reinstall (-1 before it) on the virtual clock and whether the simulator has the port open.
 */
async function standInPort(f: EdisFixture, answers: (elapsed: number, simulated: boolean) => boolean): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    socket.on("error", () => undefined);
    const sent = f.sim.journal.find((e) => e.route === EDIS_ROUTES.reinstall);
    const elapsed = sent ? (f.clock.now() - sent.at) / 1000 : -1;
    if (!answers(elapsed, f.sim.vps(EDGE1).portOpen)) return void socket.resetAndDestroy();
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

let f: EdisFixture;
let stand: { port: number; close: () => Promise<void> } | undefined;
afterEach(async () => {
  await stand?.close();
  await f.close();
});

describe("KvmReinstall readiness with a port that flaps", () => {
  /** The simulator's port, except for 1.5 s from `flapAt` seconds into the reinstall, when it is the other way round. */
  const readyAfterFlapAt = async (flapAt: number) => {
    f = await edisFixture();
    stand = await standInPort(f, (elapsed, simulated) => simulated !== (elapsed >= flapAt && elapsed < flapAt + 1.5));
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

describe("KvmReinstall readiness of a system that never reboots after its first boot", () => {
  it("is ready exactly settleWithoutRebootMs after its port began to answer steadily, not a probe later", async () => {
    f = await edisFixture();
    // The simulator's port, kept open through the final reboot: the image does not reboot.
    stand = await standInPort(f, (elapsed, simulated) => simulated || elapsed >= phaseStart("first-boot"));
    await f.up(f.inputs(EDGE1, { readinessPort: stand.port }));
    const at = (pattern: RegExp) => f.events.find((e) => pattern.test(e.message))!.elapsedSeconds;
    expect(f.events.map((e) => e.message)).not.toContainEqual(expect.stringMatching(/rebooting after first boot/));
    expect(at(/: ready: port \d+ answered/) - at(/answers \(first boot\)/)).toBe(readinessSchedule.settleWithoutRebootMs / 1000);
  });
});
