import { adoptionWindowMs, unconfirmedSettleMs } from "../src/ovh/dedicated-server-install/start-install";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, SERIALIZED, type OvhFixture } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";
import { OVH_ROUTES } from "pulumi-reinstall-simulator";

const script = "#!/bin/sh\ncurl -H 'Authorization: Bearer s3cr3t-deploy-token' https://deploy.example/hook";
const inputs = () => ({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: throwawaySshKey(), postInstallationScript: script } });

describe("DedicatedServerInstall posts no second install: the task of a POST whose answer was lost, or an install already on the server, is adopted", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("a POST that fails after OVH created the task adopts that task instead of posting again", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 502, when: "after" });
    const { outs } = await f.up(inputs());
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
  });

  it.each<[string, Parameters<OvhFixture["sim"]["inject"]>[0]]>([
    ["a TCP reset (ECONNRESET with its errno)", { route: OVH_ROUTES.reinstall, kind: "reset", when: "after" }],
    ["a gateway's HTML 502", { route: OVH_ROUTES.reinstall, kind: "status", status: 502, text: "<html><body>502 Bad Gateway</body></html>", when: "after" }],
    ["a 200 whose body is not a task", { route: OVH_ROUTES.reinstall, kind: "status", status: 200, body: { message: "accepted" }, when: "after" }],
  ])("after %s from the POST, adopts the task OVH created instead of calling it a refusal", async (_what, fault) => {
    f = await ovhFixture();
    f.sim.inject(fault);
    const { outs } = await f.up(inputs());
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
  });

  it("a POST cut off before OVH acted is kept in state as unconfirmed, and the next up installs once, after looking again", async () => {
    f = await ovhFixture();
    const program = inputs();
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "reset" });
    const error = await failureOf(f.up(program));
    expect(error).toMatchObject({ code: "AMBIGUOUS_START", id: SCALE7 });
    expect(error.message).toMatch(
      /no new reinstall task has appeared yet[\s\S]*next: run `pulumi up` again: it looks for the task this request may have created/,
    );
    expect(error.properties).toMatchObject({ __unconfirmedStart: { at: expect.any(String), afterTaskId: 0 }, __provider: SERIALIZED });
    expect(f.sim.server(SCALE7).taskIds).toEqual([]);

    const state = error.properties!;
    const news = (await f.provider.check(state, program)).inputs;
    await f.provider.diff(SCALE7, state, news);
    expect(f.warnings).toEqual([expect.stringMatching(/the last install request got no clear answer; this update looks for the task it may have created/)]);
    const { outs } = await f.provider.update(SCALE7, state, news);
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(outs).not.toHaveProperty("__unconfirmedStart");
    const posts = f.sim.journal.filter((e) => e.route === OVH_ROUTES.reinstall);
    expect(posts).toHaveLength(2);
    // The second POST waited until the first one could no longer be carried out.
    expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(unconfirmedSettleMs);
  });

  it("an install POST that OVH carried out late, after the run gave up on it, is adopted by the next up, not repeated", async () => {
    f = await ovhFixture();
    const program = inputs();
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 504, body: { message: "Gateway Timeout" } });
    const error = await failureOf(f.up(program));
    expect(error).toMatchObject({ code: "AMBIGUOUS_START", id: SCALE7 });
    // What the timed-out request did after all:
    const late = f.sim.startInstall(SCALE7, "debian12_64");
    const state = error.properties!;
    const { outs } = await f.provider.update(SCALE7, state, (await f.provider.check(state, program)).inputs);
    expect(outs).toMatchObject({ taskId: late, taskStatus: "done" });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
    expect(f.warnings).toContainEqual(
      expect.stringMatching(new RegExp(`a reinstall was already under way \\(task ${late}, .*most likely by the install request whose answer was lost`)),
    );
  });

  it("a 429 on the install POST is never retried blindly: the task OVH created behind it is adopted", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 429, body: { message: "Too many requests" }, when: "after" });
    const { outs } = await f.up(inputs());
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
  });

  it("a 429 on the install POST with no task behind it is unconfirmed, not a refusal to fix", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 429, body: { message: "Too many requests" } });
    const error = await failureOf(f.up(inputs()));
    expect(error).toMatchObject({ code: "AMBIGUOUS_START", api: { status: 429 } });
    expect(error.message).not.toMatch(/fix the request/);
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
  });

  it("a spurious 404 on the task list before the install is retried like the other task reads", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.tasks, kind: "status", status: 404, times: 2 });
    const { outs } = await f.up(inputs());
    expect(outs.taskStatus).toBe("done");
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
  });

  it("a POST that hangs past the request timeout is ambiguous too; the task it created is adopted", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "latency", ms: 4_000, when: "after" });
    const { outs } = await f.up(inputs());
    expect(outs.taskStatus).toBe("done");
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
  });

  it("adopts a reinstall already running on the server instead of posting, and fails plainly when it left another OS", async () => {
    f = await ovhFixture();
    const running = f.sim.startInstall(SCALE7, "ubuntu2404-server_64");
    const error = await failureOf(f.up(inputs()));
    expect(error).toMatchObject({ code: "OS_MISMATCH" });
    expect(error).not.toHaveProperty("properties");
    expect(error.message).toContain(
      `task ${running}, which was already under way on ${SCALE7} and was waited on instead of installing again, left ubuntu2404-server_64 on it, not debian12_64`,
    );
    expect(error.message).toContain('declare templateName: "ubuntu2404-server_64" to keep what it installed');
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(0);
  });

  it("adopts a running install of the declared template and records it, with a warning naming the task", async () => {
    f = await ovhFixture();
    const running = f.sim.startInstall(SCALE7, "debian12_64");
    const { outs } = await f.up(inputs());
    expect(outs).toMatchObject({ taskId: running, taskStatus: "done", installedOs: "debian12_64" });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(0);
    expect(f.warnings).toEqual([
      expect.stringMatching(new RegExp(`a reinstall was already under way \\(task ${running}, .*waiting for it instead of starting a second one`)),
    ]);
  });

  it("records a finished install of the declared template younger than a day instead of installing again", async () => {
    f = await ovhFixture();
    const earlier = f.sim.startInstall(SCALE7, "debian12_64");
    f.clock.advance(3 * 3600_000);
    const { outs } = await f.up(inputs());
    expect(outs).toMatchObject({ taskId: earlier, taskStatus: "done", installedOs: "debian12_64" });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(0);
    expect(f.warnings).toEqual([
      expect.stringMatching(
        new RegExp(`task ${earlier} installed debian12_64 2h49m ago .*recorded it instead of installing again\\. To reinstall anyway, change \`triggers\``),
      ),
    ]);
  });

  it.each([
    ["older than the adoption window", "debian12_64", adoptionWindowMs + 3600_000],
    ["of another template", "ubuntu2404-server_64", 3600_000],
  ])("installs over a finished install %s", async (_what, os, ageMs) => {
    f = await ovhFixture();
    f.sim.startInstall(SCALE7, os);
    f.clock.advance(ageMs);
    const { outs } = await f.up(inputs());
    expect(outs).toMatchObject({ taskStatus: "done", installedOs: "debian12_64" });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
    expect(f.warnings).toEqual([]);
  });
});
