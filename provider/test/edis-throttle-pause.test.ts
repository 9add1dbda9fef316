import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { retryPolicies } from "../src/retry";
import { throttlePolicy } from "../src/throttle-pause";
import { edisFixture, type EdisFixture } from "./support/edis";

/**
 * A 429 from EDIS pauses every request of the credential (scheduler.ts): for the Retry-After it gives, else for the
 * scheduler's own first pause. Shown at preview, where the VPS's images are read: the 429 answers get/images, which
 * reads retry, and the journal (stamped on the virtual clock the provider runs on) shows when the next request came.
 * The retry's own backoff is shorter than either pause, so only the pause can hold it that long.
 */
describe("KvmReinstall: a 429 from EDIS pauses the credential", () => {
  let f: EdisFixture;
  beforeEach(async () => {
    f = await edisFixture();
  });
  afterEach(() => f.close());

  /** Preview with get/images answered 429 once: each EDIS request after the 429, with its time after it. */
  async function previewAfterA429(headers?: Record<string, string>) {
    f.sim.inject({ route: EDIS_ROUTES.images, kind: "status", status: 429, headers });
    const checked = await f.provider.check({}, f.inputs());
    expect(checked.failures ?? []).toEqual([]);
    const i = f.sim.journal.findIndex((e) => e.status === 429);
    expect(f.sim.journal[i]).toMatchObject({ route: EDIS_ROUTES.images });
    return f.sim.journal.slice(i + 1).map((e) => ({ route: e.route, after: e.at - f.sim.journal[i].at, status: e.status }));
  }

  it("with Retry-After: 30, nothing goes to EDIS for 30 s, and the retried read goes right then", async () => {
    expect(retryPolicies.read.baseDelayMs).toBeLessThan(30_000);
    expect(await previewAfterA429({ "Retry-After": "30" })).toEqual([{ route: EDIS_ROUTES.images, after: 30_000, status: 200 }]);
  });

  it("without Retry-After, the pause is the scheduler's first one (5 s)", async () => {
    expect(retryPolicies.read.baseDelayMs).toBeLessThan(throttlePolicy.firstMs);
    expect(await previewAfterA429()).toEqual([{ route: EDIS_ROUTES.images, after: throttlePolicy.firstMs, status: 200 }]);
  });
});
