import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

const program = { serviceName: SCALE7, templateName: "debian12_64" };
const day = 24 * 3600_000;

describe("DedicatedServerInstall: the server's newest reinstall task decides whether to install", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  /** A server with a past: installs of these systems, each long over (two days apart), the last one two days ago. */
  function history(...systems: string[]): number[] {
    return systems.map((os) => {
      const taskId = f.sim.startInstall(SCALE7, os);
      f.clock.advance(2 * day);
      return taskId;
    });
  }

  it("old finished installs, then one under way: the create waits for the one under way and posts nothing", async () => {
    f = await ovhFixture();
    const old = history("debian11_64", "ubuntu2404-server_64", "debian11_64");
    const running = f.sim.startInstall(SCALE7, "debian12_64");
    expect(running).toBeGreaterThan(Math.max(...old));

    const { outs } = await f.up(program);
    expect(outs).toMatchObject({ taskId: running, taskStatus: "done", installedOs: "debian12_64" });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(0);
    expect(f.warnings).toContainEqual(expect.stringMatching(new RegExp(`a reinstall was already under way \\(task ${running}, `)));
  });

  it("old installs of other systems, then a finished one of the declared template an hour ago: the create records it and posts nothing", async () => {
    f = await ovhFixture();
    history("ubuntu2404-server_64", "debian11_64");
    const latest = f.sim.startInstall(SCALE7, "debian12_64");
    f.clock.advance(3600_000);

    const { outs } = await f.up(program);
    expect(outs).toMatchObject({ taskId: latest, taskStatus: "done" });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(0);
    expect(f.warnings).toContainEqual(
      expect.stringMatching(new RegExp(`task ${latest} installed debian12_64 .* ago .*recorded it instead of installing again`)),
    );
  });
});
