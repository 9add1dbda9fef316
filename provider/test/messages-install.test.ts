import { failureText, progressForms } from "./support/normalised";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, SERIALIZED, type OvhFixture, type Props } from "./support/ovh";
import { stoppableProvider } from "./support/stoppable";
import { OVH_ROUTES } from "pulumi-reinstall-simulator";

/**
 * The full text of what DedicatedServerInstall's create, update and delete tell the user, each distinct message
 * pinned once (issue 11): errors with their call, OVH's answer and the next step, warnings at preview, and one
 * progress line of each form. Every one comes from the real provider against the simulator, in virtual time.
 */
const declared = (extra: Props = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", ...extra });

describe("DedicatedServerInstall message texts", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("an install's progress, a changed input's warning, and delete's", async () => {
    f = await ovhFixture();
    const { id, outs } = await f.up(declared());
    const progress = progressForms(f.events);
    expect(progress).toMatchInlineSnapshot(`
[
  "ns3001234.ip-51-68-1.eu: 1/21 Checking BIOS version, 45s",
  "ns3001234.ip-51-68-1.eu: 3/21 Waiting for server to boot, 1m45s",
  "ns3001234.ip-51-68-1.eu: 4/21 Setting up hardware raid, 3m45s",
  "ns3001234.ip-51-68-1.eu: 12/21 Installing SSH keys, 4m45s",
  "ns3001234.ip-51-68-1.eu: 18/21 Running Last Hardware Reboot, 5m45s",
  "ns3001234.ip-51-68-1.eu: 19/21 Waiting for services to be up, 6m45s",
  "ns3001234.ip-51-68-1.eu: 20/21 Running Post-installation script, 10m39s",
  "ns3001234.ip-51-68-1.eu: installation done, 11m01s",
  "ns3001234.ip-51-68-1.eu: debian12_64 installed by task 156839472 (20 API calls)",
]
`);
    const news = (await f.provider.check(outs, declared({ templateName: "alma9_64", customHostname: "web-1" }))).inputs;
    await f.provider.diff(id, outs, news);
    await f.provider.delete(id, outs);
    const after = [...f.warnings, f.events.at(-1)!.message];
    expect(after).toMatchInlineSnapshot(`
[
  "DedicatedServerInstall ns3001234.ip-51-68-1.eu: this update REINSTALLS ns3001234.ip-51-68-1.eu and erases its disks (changed: templateName, customHostname)",
  "ns3001234.ip-51-68-1.eu: forgotten; the server keeps its operating system",
]
`);
  });

  it("a task ending in customerError, ovhError or cancelled, and the warning of the up after it", async () => {
    const texts: string[] = [];
    for (const status of ["customerError", "ovhError", "cancelled"] as const) {
      f = await ovhFixture();
      f.sim.failNextInstall(SCALE7, {
        status,
        atStep: 6,
        comment: "partitioning failed",
        error: status === "customerError" ? "not enough space for /var" : undefined,
      });
      const error = await failureOf(f.up(declared()));
      const news = (await f.provider.check(error.properties!, declared())).inputs;
      await f.provider.diff(SCALE7, error.properties!, news);
      texts.push(failureText(error), ...f.warnings);
      if (status !== "cancelled") await f.close();
    }
    expect(texts).toMatchInlineSnapshot(`
[
  "TASK_FAILED: DedicatedServerInstall ns3001234.ip-51-68-1.eu: install task 156839472 on ns3001234.ip-51-68-1.eu ended with customerError: partitioning failed; step 6/21 "Cleaning Partitioning" failed: not enough space for /var
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/task/156839472
  next: OVH blames the request (often partitioning or RAID): fix the inputs, then run \`pulumi up\` to install again",
  "DedicatedServerInstall ns3001234.ip-51-68-1.eu: the last install (task 156839472) ended with customerError; this update INSTALLS AGAIN and erases the disks of ns3001234.ip-51-68-1.eu",
  "TASK_FAILED: DedicatedServerInstall ns3001234.ip-51-68-1.eu: install task 156839472 on ns3001234.ip-51-68-1.eu ended with ovhError: partitioning failed; step 6/21 "Cleaning Partitioning" failed: partitioning failed
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/task/156839472
  next: OVH reports a failure on its side: run \`pulumi up\` to install again, or open a ticket with OVHcloud quoting the task id",
  "DedicatedServerInstall ns3001234.ip-51-68-1.eu: the last install (task 156839472) ended with ovhError; this update INSTALLS AGAIN and erases the disks of ns3001234.ip-51-68-1.eu",
  "TASK_FAILED: DedicatedServerInstall ns3001234.ip-51-68-1.eu: install task 156839472 on ns3001234.ip-51-68-1.eu ended with cancelled: partitioning failed; step 6/21 "Cleaning Partitioning" failed: partitioning failed
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/task/156839472
  next: the task was cancelled; run \`pulumi up\` to install again",
  "DedicatedServerInstall ns3001234.ip-51-68-1.eu: the last install (task 156839472) ended with cancelled; this update INSTALLS AGAIN and erases the disks of ns3001234.ip-51-68-1.eu",
]
`);
  });

  it("a read retried: one progress line a retry", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.task, kind: "status", status: 500, times: 1 });
    f.sim.inject({ route: OVH_ROUTES.task, kind: "reset", times: 1, skip: 1 });
    await f.up(declared());
    expect(f.events.filter((e) => / retry \d/.test(e.message)).map((e) => e.message)).toMatchInlineSnapshot(`
[
  "GET /dedicated/server/ns3001234.ip-51-68-1.eu/task/156839472: HTTP 500, retry 1/10 in 5 s",
  "GET /dedicated/server/ns3001234.ip-51-68-1.eu/task/156839472: ECONNRESET, retry 2/10 in 10 s",
]
`);
  });

  it("a task status the provider does not know", async () => {
    f = await ovhFixture();
    const body = {
      taskId: 156839472,
      function: "reinstallServer",
      status: "waitingForCustomer",
      comment: "Action required",
      startDate: "2026-11-22T07:00:00+01:00",
      doneDate: null,
    };
    f.sim.inject({ route: OVH_ROUTES.task, kind: "status", status: 200, body });
    const error = await failureOf(f.up(declared()));
    expect(failureText(error)).toMatchInlineSnapshot(`
"TASK_FAILED: DedicatedServerInstall ns3001234.ip-51-68-1.eu: install task 156839472 on ns3001234.ip-51-68-1.eu has the status waitingForCustomer, which pulumi-reinstall does not know; it may still be running
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/task/156839472
  next: look at task 156839472 in the OVHcloud control panel; \`pulumi up\` waits on it again and starts no second install while it is not finished"
`);
  });

  it("a wait past timeoutMinutes", async () => {
    f = await ovhFixture();
    const error = await failureOf(f.up(declared({ timeoutMinutes: 1 })));
    expect(failureText(error)).toMatchInlineSnapshot(`
"WAIT_TIMEOUT: DedicatedServerInstall ns3001234.ip-51-68-1.eu: install task 156839472 on ns3001234.ip-51-68-1.eu is still doing, at step 1/21 "Checking BIOS version" after 1m00s; the install goes on at OVH
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/task/156839472
  next: run \`pulumi up\` again to resume waiting on the same task (no second install is started), or raise timeoutMinutes"
`);
  });

  it("an install POST without a clear answer, and the warning of the up after it", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "reset" });
    const error = await failureOf(f.up(declared()));
    const news = (await f.provider.check(error.properties!, declared())).inputs;
    await f.provider.diff(SCALE7, error.properties!, news);
    const texts = [failureText(error), ...f.warnings];
    expect(texts).toMatchInlineSnapshot(`
[
  "AMBIGUOUS_START: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the install request for ns3001234.ip-51-68-1.eu failed without a clear answer, and no new reinstall task has appeared yet
  call: POST /dedicated/server/ns3001234.ip-51-68-1.eu/reinstall
  next: run \`pulumi up\` again: it looks for the task this request may have created (waiting until 2m00s after it) and installs only if none appeared",
  "DedicatedServerInstall ns3001234.ip-51-68-1.eu: the last install request got no clear answer; this update looks for the task it may have created and, only if none appeared, INSTALLS and erases the disks of ns3001234.ip-51-68-1.eu",
]
`);
  });

  it("OVH refusing the install, with and without a hint for the input at fault", async () => {
    f = await ovhFixture();
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 400, body: { class: "Client::BadRequest::Hostname", message: "Invalid hostname" } });
    const hinted = await failureOf(f.up(declared()));
    expect(failureText(hinted)).toMatchInlineSnapshot(`
"OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused the install request; nothing was started
  call: POST /dedicated/server/ns3001234.ip-51-68-1.eu/reinstall
  API said: HTTP 400 Client::BadRequest::Hostname "Invalid hostname"
  next: fix customHostname"
`);
    f.sim.inject({
      route: OVH_ROUTES.reinstall,
      kind: "status",
      status: 400,
      body: { class: "Client::BadRequest::TaskAlreadyExists", message: "A task is already running" },
    });
    const busy = await failureOf(f.up(declared()));
    expect(failureText(busy)).toMatchInlineSnapshot(`
"OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused the install request; nothing was started
  call: POST /dedicated/server/ns3001234.ip-51-68-1.eu/reinstall
  API said: HTTP 400 Client::BadRequest::TaskAlreadyExists "A task is already running"
  next: OVH reports another task on this server, but it is not a reinstall this provider can see: wait for it to end (OVHcloud control panel), then run \`pulumi up\` again"
`);
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 400, body: { class: "Client::BadRequest", message: "Something else" } });
    const plain = await failureOf(f.up(declared()));
    expect(failureText(plain)).toMatchInlineSnapshot(`
"OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused the install request; nothing was started
  call: POST /dedicated/server/ns3001234.ip-51-68-1.eu/reinstall
  API said: HTTP 400 Client::BadRequest "Something else"
  next: fix what the API names, then run \`pulumi up\` again"
`);
  });

  it("OVH quoting an answer back in a refusal: the answer is cut out of what OVH said", async () => {
    f = await ovhFixture();
    const script = "#!/bin/sh\necho s3cr3t-deploy-token";
    f.sim.inject({
      route: OVH_ROUTES.reinstall,
      kind: "status",
      status: 400,
      body: { class: "Client::BadRequest::CustomizationInvalidFormat", message: `invalid postInstallationScript: ${script}` },
    });
    const error = await failureOf(f.up(declared({ userMetadata: { postInstallationScript: script } })));
    expect(failureText(error)).toMatchInlineSnapshot(`
"OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused the install request; nothing was started
  call: POST /dedicated/server/ns3001234.ip-51-68-1.eu/reinstall
  API said: HTTP 400 Client::BadRequest::CustomizationInvalidFormat "invalid postInstallationScript: [redacted]"
  next: fix userMetadata: the answers must match the template's questions"
`);
  });

  it("the removed install/start route", async () => {
    f = await ovhFixture();
    const error = await failureOf(f.up(declared({ installApi: "install/start" })));
    expect(failureText(error)).toMatchInlineSnapshot(`
"OVH_ROUTE_REMOVED: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH no longer serves POST …/install/start: it was removed on 2025-10-07 in favour of POST …/reinstall
  call: POST /dedicated/server/ns3001234.ip-51-68-1.eu/install/start
  API said: HTTP 404 Client::NotFound "Got an invalid (or empty) URL"
  next: set installApi: "reinstall" (the default); the same inputs work with it"
`);
  });

  it("inputs that no longer pass the live rules at create, and inputs that were never checked", async () => {
    f = await ovhFixture();
    const withdrawn = await failureOf(
      f.provider.create({ ...declared({ templateName: "debian10_64", installApi: "reinstall", timeoutMinutes: 120 }), __provider: SERIALIZED }),
    );
    expect(failureText(withdrawn)).toMatchInlineSnapshot(`
"INVALID_INPUT: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the inputs no longer pass the API's checks, so nothing was sent: templateName: template debian10_64 is no longer installable: OVH ended its installation on 2024-06-30 (endOfInstall); templates ns3001234.ip-51-68-1.eu can install today: debian12_64, debian13_64, ubuntu2404-server_64, alma9_64, proxmox8_64, win2022core-std_64, byolinux_64, nutanix-ce_64
  call: POST /dedicated/server/ns3001234.ip-51-68-1.eu/reinstall
  next: fix the inputs, then run \`pulumi up\` again (\`pulumi preview\` shows every problem once an input changed)"
`);
    const invalid = await failureOf(f.provider.create({ ...declared({ timeoutMinutes: 0, hostname: "web-1" }), __provider: SERIALIZED }));
    expect(failureText(invalid)).toMatchInlineSnapshot(`
"INVALID_INPUT: DedicatedServerInstall ns3001234.ip-51-68-1.eu: invalid inputs: timeoutMinutes is 0; it must be a number above 0 and at most 1440; hostname: unknown field "hostname"; allowed fields: serviceName, templateName, customHostname, diskGroupId, userMetadata, partitionSchemeName, storage, installApi, triggers, timeoutMinutes, adopt, onDelete
  next: fix the inputs; \`pulumi preview\` shows every problem"
`);
  });

  it("a stop signal before the install is posted", async () => {
    f = await ovhFixture();
    const controller = new AbortController();
    const provider = await stoppableProvider(f, controller);
    const checked = await provider.check({}, { ...declared(), __provider: SERIALIZED });
    const created = provider.create({ ...checked.inputs, __provider: SERIALIZED });
    controller.abort("SIGINT");
    expect(failureText(await failureOf(created))).toMatchInlineSnapshot(`
"INTERRUPTED: DedicatedServerInstall ns3001234.ip-51-68-1.eu: the provider was told to stop (SIGINT) while about to install ns3001234.ip-51-68-1.eu; nothing was posted
  next: run \`pulumi up\` again: it resumes from what is recorded in state and starts no second reinstall"
`);
  });
});
