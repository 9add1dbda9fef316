import { EDIS_ROUTES } from "pulumi-reinstall-simulator";
import { EDGE1, edisFixture, type EdisFixture } from "./support/edis";
import { failureOf } from "./support/failure-of";

/**
 * Which answers to set/reinstall prove that nothing happened (docs/api/edis.md#error-bodies): a 4xx other than 429, or
 * a 2xx whose `status` is exactly "error". Only after one of them may the next run send the reinstall again; any other
 * answer may hide a reinstall EDIS started, so the next run watches for that one and sends none. Each boundary is
 * answered on both sides. One simulator for every case: each ends with the VPS up and no reinstall journaled.
 */
describe("KvmReinstall: the answers to set/reinstall that prove nothing happened, and those that do not", () => {
  let f: EdisFixture;
  beforeAll(async () => {
    f = await edisFixture();
  });
  afterAll(() => f.close());

  it.each([
    ["a 400", 400, { status: "error", error: "Invalid image." }],
    ["a 499, the last of the 4xx", 499, { status: "error", error: "Request rejected." }],
    ['a 404 whose status says "success"', 404, { status: "success", message: "Unknown route." }],
    ['a 200 whose status is "error"', 200, { status: "error", message: "Image not available for this VPS." }],
    ['a 299 whose status is "error", the last of the 2xx', 299, { status: "error", message: "Image not available for this VPS." }],
  ])("%s is a refusal: the error says nothing was started, and the next run sends the reinstall", async (_answer, status, body) => {
    const before = f.reinstalls();
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status, body });
    const refused = await failureOf(f.up(f.inputs()));
    expect({ code: refused.code, summary: refused.message.split("\n")[0], state: refused.properties }).toEqual({
      code: "EDIS_API_ERROR",
      summary: `KvmReinstall ${EDGE1}: EDIS refused the reinstall; nothing was started`,
      state: undefined,
    });
    const { outs } = await f.up(f.inputs());
    expect(outs.readyAt).toEqual(expect.any(String));
    expect(f.reinstalls() - before).toBe(2);
  });

  it.each([
    ["a 429", 429, { status: "error", error: "Too many requests." }],
    ['a 500 whose status is "error"', 500, { status: "error", error: "Internal error." }],
    ['a 503 whose status says "success"', 503, { status: "success", message: "Reinstall scheduled." }],
    ['a 300 whose status is "error", the first past the 2xx', 300, { status: "error", message: "See other." }],
    ['a 300 whose status says "success"', 300, { status: "success", message: "Reinstall scheduled." }],
    ['a 200 whose status is "Error"', 200, { status: "Error", message: "Reinstall scheduled." }],
    ["a 201 with no status", 201, { message: "Reinstall scheduled." }],
    // Below 200 only a 101 reaches the client, and without its body: never a refusal, whatever that body said.
    ['a 101 whose body says "error"', 101, { status: "error", error: "Invalid image." }],
  ])("%s, after EDIS acted, may hide a started reinstall: the next run watches for it and sends none", async (_answer, status, body) => {
    const before = f.reinstalls();
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status, body, when: "after" });
    const ambiguous = await failureOf(f.up(f.inputs()));
    expect(ambiguous).toMatchObject({ code: "AMBIGUOUS_START", properties: { __waitPending: true } });
    // The next `pulumi up`: the engine hands update what the failed create left in state.
    const state = ambiguous.properties!;
    const { outs } = await f.provider.update(EDGE1, state, (await f.provider.check(state, f.inputs())).inputs);
    expect(outs.readyAt).toEqual(expect.any(String));
    expect(f.reinstalls() - before).toBe(1);
  });
});
