import * as net from "node:net";
import { SSH_BANNER } from "pulumi-reinstall-simulator";
import { EDGE1, EDGE2, probe, session, WIN1, useEdisSimulator } from "./edis-helpers";
import { virtualClock } from "./helpers";

const D = 20_000;
const INVALID = { status: 400, body: { error: "Invalid parameters provided.", code: 400 } };
const OPEN_SSH = { data: SSH_BANNER };
const OPEN_RDP = { data: "" };
const CLOSED = { error: "ECONNRESET", data: "" };
const USER_DATA = "#cloud-config\npower_state: {mode: reboot, delay: now}\n";

describe("EDIS simulator: a reinstall as the API and a TCP client see it", () => {
  const clock = virtualClock();
  let t0: number;
  const sim = useEdisSimulator(clock, { reinstallSeconds: D / 1000 });
  beforeEach(() => (t0 = clock.t));

  /** Moves the virtual clock to `fraction` of a reinstall of `duration` started at t0. */
  const at = (fraction: number, duration = D) => void (clock.t = t0 + fraction * duration);
  const reinstall = async (kvmId: string, fields: Record<string, string>) => (await session(sim(), kvmId)).call("set/reinstall", fields);
  const power = async (kvmId: string) => ((await (await session(sim(), kvmId)).call("get/power")).body as { data: string }).data;
  const observe = async (kvmId: string) => ({ port: await probe(sim().vps(kvmId).port), power: await power(kvmId), image: sim().vps(kvmId).image });

  it("rejects an unknown image, a dropped one, or a missing or empty password, and starts nothing", async () => {
    expect(await reinstall(EDGE1, { image: "debian-12", password: "pw" })).toEqual(INVALID);
    expect(await reinstall(EDGE1, { image: "windows-server-2016", password: "pw" })).toEqual(INVALID);
    expect(await reinstall(EDGE1, { password: "pw" })).toEqual(INVALID);
    expect(await reinstall(EDGE1, { image: "cloudinit_debian-trixie", password: "" })).toEqual(INVALID);
    expect(await reinstall(EDGE1, { image: "cloudinit_debian-trixie" })).toEqual(INVALID);
    at(0.125);
    expect(sim().vps(EDGE1)).toMatchObject({ reinstalls: 0, image: "cloudinit_debian-bookworm", portOpen: true, powerState: "on" });
  });

  it("walks old OS (open) → stopped → installing → first boot (open) → final reboot → up (open), as a TCP client sees it", async () => {
    expect(await observe(EDGE1)).toEqual({ port: OPEN_SSH, power: "server powered on", image: "cloudinit_debian-bookworm" });
    expect(await reinstall(EDGE1, { image: "cloudinit_ubuntu-lts-24-04", password: "n3w+root&pw", cloudinit_user_data: USER_DATA })).toEqual({
      status: 200,
      body: { status: "success" },
    });

    // The trap: right after the acknowledgement the old OS still answers on its port.
    at(0.05);
    expect(await observe(EDGE1)).toEqual({ port: OPEN_SSH, power: "server powered on", image: "cloudinit_debian-bookworm" });
    at(0.125);
    expect(await observe(EDGE1)).toEqual({ port: CLOSED, power: "server powered off", image: "cloudinit_debian-bookworm" });
    at(0.4);
    expect(await observe(EDGE1)).toEqual({ port: CLOSED, power: "server powered on", image: "cloudinit_debian-bookworm" });
    at(0.75);
    expect(await observe(EDGE1)).toEqual({ port: OPEN_SSH, power: "server powered on", image: "cloudinit_ubuntu-lts-24-04" });
    at(0.875);
    expect(await observe(EDGE1)).toEqual({ port: CLOSED, power: "server powered on", image: "cloudinit_ubuntu-lts-24-04" });
    at(0.95);
    expect(await observe(EDGE1)).toEqual({ port: OPEN_SSH, power: "server powered on", image: "cloudinit_ubuntu-lts-24-04" });
    at(50);
    expect(sim().vps(EDGE1)).toEqual({
      kvmId: EDGE1,
      image: "cloudinit_ubuntu-lts-24-04",
      password: "n3w+root&pw",
      cloudInitUserData: USER_DATA,
      reinstalls: 1,
      port: sim().vps(EDGE1).port,
      powerState: "on",
      portOpen: true,
    });
    // Only EDGE1 was touched; its port number stays the same for the simulator's life.
    expect(sim().vpsList.map((v) => [v.kvmId, v.description, v.image])).toEqual([
      [EDGE1, "edge-1", "cloudinit_ubuntu-lts-24-04"],
      [EDGE2, "edge-2", "cloudinit_ubuntu-lts-24-04"],
      [WIN1, "win-1", "windows-server-2022"],
    ]);
    expect(new Set(sim().vpsList.map((v) => v.port)).size).toBe(3);
    expect(sim().vpsList.find((v) => v.kvmId === EDGE1)?.port).toBe(sim().vps(EDGE1).port);
  });

  it("a connection made while the port is open stays open until the client closes it", async () => {
    const socket = net.connect(sim().vps(EDGE2).port, "127.0.0.1");
    let serverEnded = false;
    socket.on("end", () => (serverEnded = true));
    const banner = await new Promise<string>((resolve) => socket.once("data", (d) => resolve(String(d))));
    expect(banner).toBe(SSH_BANNER);
    // Let the simulator's event loop serve other traffic: a stand-in that hung up would have done so by now.
    expect((await (await session(sim(), EDGE2)).call("get/power")).status).toBe(200);
    expect(serverEnded).toBe(false);
    const hadError = new Promise<boolean>((resolve) => socket.once("close", resolve));
    socket.end();
    expect(await hadError).toBe(false);
  });

  it("Windows images take three times as long and answer on their port without a banner", async () => {
    expect(await probe(sim().vps(WIN1).port)).toEqual(OPEN_RDP);
    expect((await reinstall(WIN1, { image: "windows-server-2025", password: "Adm1n!pw" })).status).toBe(200);
    at(0.75); // where a Linux install would be in its first boot
    expect(await observe(WIN1)).toEqual({ port: CLOSED, power: "server powered on", image: "windows-server-2022" });
    at(0.125, 3 * D);
    expect(await observe(WIN1)).toEqual({ port: CLOSED, power: "server powered off", image: "windows-server-2022" });
    at(0.75, 3 * D);
    expect(await observe(WIN1)).toEqual({ port: OPEN_RDP, power: "server powered on", image: "windows-server-2025" });
    at(0.95, 3 * D);
    expect(await observe(WIN1)).toEqual({ port: OPEN_RDP, power: "server powered on", image: "windows-server-2025" });
  });

  it("the port speaks for the OS that runs: Linux to Windows loses the banner, Windows to Linux gains it", async () => {
    await reinstall(EDGE1, { image: "windows-11", password: "Adm1n!pw" });
    await reinstall(WIN1, { image: "cloudinit_debian-trixie", password: "r00t" });
    at(0.05);
    expect([await probe(sim().vps(EDGE1).port), await probe(sim().vps(WIN1).port)]).toEqual([OPEN_SSH, OPEN_RDP]);
    at(0.95, 3 * D);
    expect([await probe(sim().vps(EDGE1).port), await probe(sim().vps(WIN1).port)]).toEqual([OPEN_RDP, OPEN_SSH]);
  });

  it("a second reinstall starts the timeline over; one interrupted before first boot never installs its image", async () => {
    await reinstall(EDGE2, { image: "cloudinit_rocky-10", password: "one" });
    at(0.4);
    await reinstall(EDGE2, { image: "cloudinit_almalinux-9", password: "two" });
    t0 = clock.t;
    at(0.05);
    expect(await observe(EDGE2)).toEqual({ port: OPEN_SSH, power: "server powered on", image: "cloudinit_ubuntu-lts-24-04" });
    at(0.125);
    expect(await observe(EDGE2)).toEqual({ port: CLOSED, power: "server powered off", image: "cloudinit_ubuntu-lts-24-04" });
    at(0.95);
    expect(sim().vps(EDGE2)).toMatchObject({ image: "cloudinit_almalinux-9", password: "two", reinstalls: 2, portOpen: true });

    // Reinstalling a finished VPS: its old OS is now the previous reinstall's.
    await reinstall(EDGE2, { image: "debian-bullseye", password: "three" });
    t0 = clock.t;
    at(0.05);
    expect(sim().vps(EDGE2)).toMatchObject({ image: "cloudinit_almalinux-9", password: "two", reinstalls: 3, portOpen: true });
    at(0.95);
    expect(sim().vps(EDGE2)).toMatchObject({ image: "debian-bullseye", password: "three", cloudInitUserData: null, reinstalls: 3 });
  });

  it("reset() brings back the catalogue OS and keeps the ports", async () => {
    const port = sim().vps(EDGE1).port;
    await reinstall(EDGE1, { image: "cloudinit_rocky-9", password: "pw" });
    at(0.125);
    expect(await probe(port)).toEqual(CLOSED);
    sim().reset();
    expect(sim().vps(EDGE1)).toEqual({
      kvmId: EDGE1,
      image: "cloudinit_debian-bookworm",
      password: null,
      cloudInitUserData: null,
      reinstalls: 0,
      port,
      powerState: "on",
      portOpen: true,
    });
    expect(await probe(port)).toEqual(OPEN_SSH);
  });
});
