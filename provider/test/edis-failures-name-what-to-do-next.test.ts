import { EDIS_ROUTES, type Fault } from "pulumi-reinstall-simulator";
import { VirtualClock } from "../src/clock";
import { kvmReinstallProvider } from "../src/edis/kvm-reinstall/provider";
import { EDGE1, ROOT_PASSWORD, edisFixture, loginAnswer, type EdisFixture } from "./support/edis";
import { hosted } from "./support/host";
import { failureText } from "./support/normalised";
import { failureOf } from "./support/failure-of";

/** A VPS of the simulator's account that no other case here logs in to: its session is had afresh. */
const EDGE2 = "kvm_123456_789013";

/** What a failed preview of the VPS says, as the user reads it: the summary and the next step. */
async function previewFailure(f: Pick<EdisFixture, "provider" | "inputs">, kvmId = EDGE1): Promise<{ summary: string; next: string | undefined }> {
  const lines = failureText(await failureOf(f.provider.check({}, f.inputs(kvmId)))).split("\n");
  return { summary: lines[0], next: lines.find((line) => line.startsWith("  next: "))?.slice("  next: ".length) };
}

/**
 * What an EDIS failure tells the user to do next depends on what EDIS answered (or which host could not be reached),
 * and an answer the provider cannot read as a JSON object is said to be one. Each through a preview (check reads
 * get/images) against the EDIS simulator, one simulator for the answers.
 */
describe("KvmReinstall: a failed EDIS call names what to do next", () => {
  let f: EdisFixture;
  beforeAll(async () => {
    f = await edisFixture();
  });
  // A fault scripted to outlast the retries is left armed: each case begins with none.
  afterEach(() => f.sim.clearFaults());
  afterAll(() => f.close());

  const images = (fault: Partial<Fault> & { status: number }): Fault => ({ route: EDIS_ROUTES.images, kind: "status", ...fault }) as Fault;
  const login = "check edis:email and edis:password, that API access is enabled in the VPS Management Portal, and that the VPS is not suspended";
  const again = "EDIS had a problem or is busy: run `pulumi up` again";
  const fix = "fix what EDIS names, then run `pulumi up` again";

  it.each([
    // A 401 is taken for an expired session once: renewed, the call is sent again, and answered 401 again.
    ["401, twice", images({ status: 401, body: { status: "error", error: "Unauthorized." }, times: 2 }), "EDIS answered HTTP 401", login],
    ["403", images({ status: 403, body: { status: "error", error: "API access is disabled." } }), "EDIS answered HTTP 403", login],
    ["429, on every retry", images({ status: 429, body: { status: "error", error: "Too many requests." }, times: 100 }), "EDIS answered HTTP 429", again],
    ["503, on every retry", images({ status: 503, body: { status: "error", error: "Maintenance." }, times: 100 }), "EDIS answered HTTP 503", again],
    ["404", images({ status: 404, body: { status: "error", error: "Unknown route." } }), "EDIS answered HTTP 404", fix],
    ["409", images({ status: 409, body: { status: "error", error: "VPS is locked." } }), "EDIS answered HTTP 409", fix],
  ])("an answer %s", async (_answer, fault, summary, next) => {
    f.sim.inject(fault);
    expect(await previewFailure(f)).toEqual({ summary: `EDIS_API_ERROR: KvmReinstall ${EDGE1}: ${summary}`, next });
  });

  it.each([
    ["a JSON array", "[]"],
    ["JSON null", "null"],
    ["a JSON string", '"Unknown route."'],
    ["a JSON number", "404"],
    ["an HTML page", "<html>404 Not Found</html>"],
  ])("a body that is %s is not a JSON object, and is said to be not JSON", async (_body, text) => {
    f.sim.inject(images({ status: 404, text }));
    expect(await previewFailure(f)).toEqual({
      summary: `EDIS_API_ERROR: KvmReinstall ${EDGE1}: EDIS answered HTTP 404 with a body that is not JSON`,
      next: fix,
    });
  });

  it("a host EDIS's get/auth gave that cannot be reached: the host name to check is the one get/auth gave, not a setting", async () => {
    const login = await loginAnswer(f.sim, EDGE2);
    // EDIS's own answer, real signature included, with an API host no name server knows.
    const entry = { ...login.data[EDGE2], api_host: "edis-api.invalid" };
    f.sim.inject({ route: EDIS_ROUTES.auth, kind: "status", status: 200, body: { ...login, data: { [EDGE2]: entry } } });
    const { summary, next } = await previewFailure(f, EDGE2);
    expect(summary).toBe(`NETWORK_ERROR: KvmReinstall ${EDGE2}: the host name edis-api.invalid does not resolve (ENOTFOUND); the request was not sent`);
    expect(next).toMatch(/^check the host name in the api_host EDIS's get\/auth gave; /);
  });
});

describe("KvmReinstall: a session host that cannot be reached", () => {
  it("names the setting it comes from", async () => {
    const host = await hosted(kvmReinstallProvider, new VirtualClock(), {
      EDIS_SESSION_URL: "https://edis-session.invalid",
      EDIS_EMAIL: "ops@example.com",
      EDIS_PASSWORD: "pw",
    });
    const inputs = () => ({ kvmId: EDGE1, image: "cloudinit_debian-bookworm", password: ROOT_PASSWORD });
    const { summary, next } = await previewFailure({ provider: host.provider, inputs });
    expect(summary).toBe(`NETWORK_ERROR: KvmReinstall ${EDGE1}: the host name edis-session.invalid does not resolve (ENOTFOUND); the request was not sent`);
    expect(next).toMatch(/^check the host name in edis:sessionUrl \/ EDIS_SESSION_URL; /);
  });
});
