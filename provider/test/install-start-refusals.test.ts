import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

/**
 * Only a 404 to POST …/install/start says that OVH removed the route. Against an endpoint that still serves it (the
 * simulator with `installStart`), OVH's other refusals of that POST are told as what they are: TaskAlreadyExists
 * leads to the install under way, and any other class to a refusal that names what to do, nothing having started.
 */
const program = { serviceName: SCALE7, templateName: "debian12_64", installApi: "install/start" };

describe("DedicatedServerInstall with installApi install/start: OVH refusing the POST otherwise than with a 404", () => {
  let f: OvhFixture;
  beforeEach(async () => {
    f = await ovhFixture({ installStart: true });
  });
  afterEach(() => f.close());

  const posts = () => f.sim.journal.filter((e) => e.route === OVH_ROUTES.installStart);

  it("TaskAlreadyExists: the install started just before the POST is found, waited on and recorded", async () => {
    f.sim.startInstallBeforeNextPost(SCALE7, "debian12_64");

    const { outs } = await f.up(program);

    const [rival] = f.sim.server(SCALE7).taskIds;
    expect(f.sim.server(SCALE7).taskIds).toEqual([rival]);
    expect(posts().map((e) => e.status)).toEqual([400]);
    expect(outs).toMatchObject({ taskId: rival, taskStatus: "done", installedOs: "debian12_64" });
    expect(f.warnings).toEqual([expect.stringMatching(new RegExp(`a reinstall was already under way \\(task ${rival}, `))]);
  });

  it("another refusal is OVH's, with its class and what to do, and says that nothing was started", async () => {
    const body = { class: "Client::Conflict::DisturbAlreadyExists", message: "Server resource ns3001234 is already locked" };
    f.sim.inject({ route: OVH_ROUTES.installStart, kind: "status", status: 409, body });

    const error = await failureOf(f.up(program));

    expect(error).toMatchObject({ code: "OVH_API_ERROR" });
    expect(error.message).toMatch(
      /OVH refused the install request; nothing was started\n {2}call: POST \/dedicated\/server\/ns3001234\.ip-51-68-1\.eu\/install\/start\n {2}API said: HTTP 409 Client::Conflict::DisturbAlreadyExists "Server resource ns3001234 is already locked"\n {2}next: another process holds the server/,
    );
    expect(posts()).toHaveLength(1);
    expect(f.sim.server(SCALE7).taskIds).toEqual([]);
  });
});
