import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { HostError } from "../../harness/host";
import { ovhHostWorld, type OvhHostWorld } from "../../harness/ovh-host-world";

jest.setTimeout(120_000);

/**
 * The engine contract of a wait that times out, in a simulator of its own: it installs on a server of its own and
 * counts install POSTs, which engine-contract.test.ts counts too.
 */
describe("engine contract: the packed install inside @pulumi/pulumi's dynamic provider host", () => {
  let world: OvhHostWorld;

  beforeAll(async () => {
    world = await ovhHostWorld({ installSeconds: 6 });
  }, 180_000);

  afterAll(() => world?.close());

  it("a wait that times out comes back in the init-failure form with the task id, and the next Update resumes that task", async () => {
    const { web, ovh } = world;
    const ovhHost = await world.fresh();
    const urn = `${world.urn()}-timeout`;
    const { diskGroupId: _group, ...rest } = web.inputs;
    const program = { ...rest, serviceName: "ns3005678.ip-51-68-2.eu", timeoutMinutes: 0.05 };
    const checked = await ovhHost.check(urn, {}, program);
    expect(checked.failures).toEqual([]);
    const failure = await ovhHost.create(urn, checked.inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(HostError);
    const { initFailure, message } = failure as HostError;
    expect(message).toMatch(/is still \w+.* after \d+s; the install goes on at OVH/);
    expect(initFailure).toMatchObject({ id: "ns3005678.ip-51-68-2.eu", properties: { taskId: expect.any(Number), __provider: web.inputs.__provider } });

    const state = initFailure!.properties;
    const again = await ovhHost.check(urn, state, { ...program, timeoutMinutes: 5 });
    const resumed = await ovhHost.update(urn, initFailure!.id, state, again.inputs);
    expect(resumed).toMatchObject({ taskId: state.taskId, taskStatus: "done" });
    expect(ovh.journal.filter((e) => e.route === OVH_ROUTES.reinstall && e.path.includes("ns3005678")).length).toBe(1);
  });
});
