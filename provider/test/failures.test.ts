import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, SERIALIZED, type OvhFixture } from "./support/ovh";
import { throwawaySshKey } from "../../harness/ssh-key";
import { everythingIn, expectNoneOf } from "./support/secrets";
import { OVH_ROUTES } from "pulumi-reinstall-simulator";

const script = "#!/bin/sh\ncurl -H 'Authorization: Bearer s3cr3t-deploy-token' https://deploy.example/hook";
const inputs = () => ({ serviceName: SCALE7, templateName: "debian12_64", userMetadata: { sshKey: throwawaySshKey(), postInstallationScript: script } });

describe("DedicatedServerInstall when things go wrong", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("a task ending in customerError fails at once with OVH's comment and the failed step's error", async () => {
    f = await ovhFixture();
    f.sim.failNextInstall(SCALE7, {
      status: "customerError",
      atStep: 6,
      comment: "partitioning scheme incompatible with this hardware",
      error: "not enough space for /var",
    });
    const error = await failureOf(f.up(inputs()));
    expect(error.message).toMatch(
      /install task \d+ on ns3001234\.ip-51-68-1\.eu ended with customerError: partitioning scheme incompatible with this hardware; step 6\/21 "[^"]+" failed: not enough space for \/var/,
    );
    expect(error.message).toMatch(/next: OVH blames the request/);
    expect(error).toMatchObject({ code: "TASK_FAILED", id: SCALE7 });
    expect(error.properties).toMatchObject({ taskStatus: "customerError", taskComment: "partitioning scheme incompatible with this hardware" });
  });

  it("ovhError and cancelled fail too, naming the status", async () => {
    f = await ovhFixture();
    f.sim.failNextInstall(SCALE7, { status: "ovhError", atStep: 2, comment: "hardware reboot failed" });
    expect((await failureOf(f.up(inputs()))).message).toMatch(/ended with ovhError: hardware reboot failed/);
  });

  it("survives 500s, 404 flaps, 429s, resets and latency on reads with exactly one install POST", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.task, kind: "status", status: 500, times: 2 });
    f.sim.inject({ route: OVH_ROUTES.task, kind: "status", status: 404, times: 2, skip: 3 });
    f.sim.inject({ route: OVH_ROUTES.installStatus, kind: "status", status: 429, times: 2 });
    f.sim.inject({ route: OVH_ROUTES.task, kind: "reset", skip: 6 });
    f.sim.inject({ route: OVH_ROUTES.server, kind: "status", status: 503 });
    f.sim.inject({ route: OVH_ROUTES.task, kind: "latency", ms: 300, skip: 8 });
    const { outs } = await f.up(inputs());
    expect(outs.taskStatus).toBe("done");
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
    expect(f.sim.journal.filter((e) => e.route === OVH_ROUTES.task && e.status >= 400).length).toBe(4);
  });

  it.each<[string, boolean, Parameters<OvhFixture["sim"]["inject"]>[0]]>([
    ["a reset POST, application key", false, { route: OVH_ROUTES.reinstall, kind: "reset" }],
    ["a reset POST, OAuth2", true, { route: OVH_ROUTES.reinstall, kind: "reset" }],
    ["a POST that never answers, OAuth2", true, { route: OVH_ROUTES.reinstall, kind: "hang" }],
    ["a 502 that is not JSON, application key", false, { route: OVH_ROUTES.reinstall, kind: "status", status: 502, text: "<html>502 Bad Gateway</html>" }],
  ])(
    "leaves no credential or answer reachable from the error after %s: not its cause chain, hidden properties, message or stack",
    async (_what, oauth2, fault) => {
      f = await ovhFixture({ oauth2 });
      f.sim.inject(fault);
      const error = await failureOf(f.up(inputs()));
      expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
      const c = f.sim.credentials;
      const secrets = {
        applicationSecret: c.applicationSecret,
        consumerKey: c.consumerKey,
        clientSecret: c.clientSecret,
        script: "s3cr3t-deploy-token",
        signature: "$1$",
      };
      expectNoneOf(secrets, everythingIn(error));
      expectNoneOf(secrets, JSON.stringify([f.events, f.warnings]));
      // The simulator's access tokens are 64 hex digits.
      expect(everythingIn(error)).not.toMatch(/Bearer [0-9a-f]{64}/);
    },
  );

  it("a read that keeps failing at the socket fails check with the socket's code, and nothing of node-ovh's error", async () => {
    f = await ovhFixture({ oauth2: true });
    f.sim.inject({ route: OVH_ROUTES.compatibleTemplates, kind: "reset", times: 6 });
    const error = await failureOf(f.provider.check({}, inputs()));
    expect(error).toMatchObject({ code: "NETWORK_ERROR", network: { code: "ECONNRESET" } });
    expect(error.message).toMatch(/the request failed: ECONNRESET \(errno -\d+\)/);
    expectNoneOf({ clientSecret: f.sim.credentials.clientSecret }, everythingIn(error));
    expect(everythingIn(error)).not.toMatch(/Bearer [0-9a-f]{64}/);
  });

  it("a task status it does not know stops the wait, and the next up waits on that task instead of installing again", async () => {
    f = await ovhFixture();
    const program = inputs();
    f.sim.inject({
      route: OVH_ROUTES.task,
      kind: "status",
      status: 200,
      body: {
        taskId: 156839472,
        function: "reinstallServer",
        status: "waitingForCustomer",
        comment: "Action required",
        startDate: "2026-11-22T07:00:00+01:00",
        doneDate: null,
      },
    });
    const error = await failureOf(f.up(program));
    expect(error.message).toMatch(
      /has the status waitingForCustomer, which pulumi-reinstall does not know; it may still be running[\s\S]*starts no second install/,
    );
    const state = error.properties!;
    expect(state).toMatchObject({ taskStatus: "waitingForCustomer" });

    const news = (await f.provider.check(state, program)).inputs;
    expect((await f.provider.update(SCALE7, state, news)).outs).toMatchObject({ taskId: state.taskId, taskStatus: "done" });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
  });

  it("warns at preview that the next up installs again after a failed install", async () => {
    f = await ovhFixture();
    const program = inputs();
    f.sim.failNextInstall(SCALE7, { status: "ovhError", atStep: 4, comment: "disk check failed" });
    const state = (await failureOf(f.up(program))).properties!;
    const news = (await f.provider.check(state, program)).inputs;
    expect(await f.provider.diff(SCALE7, state, news)).toMatchObject({ changes: false });
    expect(f.warnings).toEqual([expect.stringMatching(/the last install \(task \d+\) ended with ovhError; this update INSTALLS AGAIN and erases the disks/)]);
  });

  it("a wait that times out keeps the task in state, and the next update resumes it without a second install", async () => {
    f = await ovhFixture();
    const program = { ...inputs(), timeoutMinutes: 3 };
    const error = await failureOf(f.up(program));
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT", id: SCALE7 });
    expect(error.message).toMatch(
      /is still doing, at step \d+\/21 "[^"]+" after 3m\d\ds; the install goes on at OVH[\s\S]*run `pulumi up` again to resume waiting on the same task/,
    );
    const state = error.properties!;
    expect(state).toMatchObject({ taskStatus: "doing", timeoutMinutes: 3, __provider: SERIALIZED });
    expect(state.taskId).toEqual(expect.any(Number));

    const news = (await f.provider.check(state, { ...program, timeoutMinutes: 30 })).inputs;
    const resumed = await f.provider.update(SCALE7, state, news);
    expect(resumed.outs).toMatchObject({ taskId: state.taskId, taskStatus: "done", installedOs: "debian12_64", timeoutMinutes: 30 });
    expect(f.sim.count({ route: OVH_ROUTES.reinstall })).toBe(1);
  });

  it("says that OVH removed install/start and what to use instead", async () => {
    f = await ovhFixture();
    const error = await failureOf(f.up({ ...inputs(), installApi: "install/start" }));
    expect(error).toMatchObject({ code: "OVH_ROUTE_REMOVED" });
    expect(error.message).toMatch(
      /removed on 2025-10-07[\s\S]*API said: HTTP 404 Client::NotFound "Got an invalid \(or empty\) URL"[\s\S]*set installApi: "reinstall"/,
    );
  });

  it("turns a refused request into OVH's status, class and message", async () => {
    f = await ovhFixture();
    f.sim.inject({
      route: OVH_ROUTES.reinstall,
      kind: "status",
      status: 409,
      body: { class: "Client::Conflict::DisturbAlreadyExists", message: "Server resource ns3001234 is already locked" },
    });
    const error = await failureOf(f.up(inputs()));
    expect(error.message).toMatch(
      /OVH refused the install request; nothing was started\n {2}call: POST \/dedicated\/server\/ns3001234\.ip-51-68-1\.eu\/reinstall\n {2}API said: HTTP 409 Client::Conflict::DisturbAlreadyExists "Server resource ns3001234 is already locked"\n {2}next: another process holds the server/,
    );
  });

  it("an OAuth2 token endpoint that drops the connection fails the call as a network error, leaving nothing unhandled to end the process", async () => {
    f = await ovhFixture({ oauth2: true });
    f.sim.inject({ route: OVH_ROUTES.oauth2Token, kind: "reset", times: 1_000 });
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      const error = await failureOf(f.provider.check({}, inputs()));
      expect(error).toMatchObject({ code: "NETWORK_ERROR", refused: true });
      expect(error.message).toMatch(/the request failed: ECONNRESET \(errno -\d+\) \(host \S+\) \(getting an OAuth2 token; GET \S+ was not sent\)/);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it("keeps answers out of everything that is not the secret userMetadata output", async () => {
    f = await ovhFixture();
    const sshKey = inputs().userMetadata.sshKey;
    const { outs } = await f.up({ ...inputs(), userMetadata: { sshKey, postInstallationScript: script } });
    const { userMetadata: _secret, ...plain } = outs;
    expect(JSON.stringify(plain)).not.toContain("s3cr3t");
    expect(JSON.stringify(plain)).not.toContain(sshKey.split(" ")[1]);
    expect(JSON.stringify(f.events)).not.toContain("s3cr3t");

    f.sim.reset();
    f.sim.failNextInstall(SCALE7, { status: "customerError", atStep: 3, comment: "boom" });
    const error = await failureOf(f.up({ ...inputs(), userMetadata: { sshKey, postInstallationScript: script } }));
    expect(error.message).not.toContain("s3cr3t");
    expect(JSON.stringify(error)).not.toContain("s3cr3t");
  });
});
