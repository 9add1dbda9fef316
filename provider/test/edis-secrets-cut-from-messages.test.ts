import { EDIS_ROUTES, startEdisSimulator, type EdisSimulator } from "pulumi-reinstall-simulator";
import { VirtualClock } from "../src/clock";
import { edisUrl, type EdisClient } from "../src/edis/client";
import { EDGE1, ROOT_PASSWORD, edisConnection, edisFixture, type EdisFixture } from "./support/edis";
import { failureOf } from "./support/failure-of";
import { everythingIn, expectNoneOf } from "./support/secrets";

/** What EDIS's quoted words become in the error the user sees, as `api.message` and on the message's "API said" line. */
function expectSaid(error: Error & { api?: { message?: string } }, said: string): void {
  expect(error.api?.message).toBe(said);
  expect(error.message).toContain(`API said: HTTP 400 ${JSON.stringify(said)}`);
}

const withheld = "[EDIS's message quotes the cloud-init data; withheld]";

/**
 * EDIS's error text is shown to the user, and EDIS may quote what it was sent: the account password (`pw`), the root
 * password, the session signature, the cloud-init data. Each is cut out of what EDIS said before any error holds it.
 */
describe("KvmReinstall: secrets cut out of EDIS's refusals", () => {
  /** Lines of 7 characters (`runcmd:`) and of exactly 8 (the token), once trimmed, among longer ones. */
  const cloudConfig =
    "#cloud-config\nruncmd:\n  - [sh, -c, 'install -m 600 /dev/null /etc/token']\nwrite_files:\n  - path: /etc/token\n    content: |\n      Xk9-v2Lq\n";
  let f: EdisFixture;
  beforeAll(async () => {
    f = await edisFixture();
  });
  afterAll(() => f.close());

  /** `up` with cloud-init data, set/reinstall refused by EDIS in words that quote `said`. */
  async function refusedSaying(said: string) {
    f.sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 400, body: { status: "error", error: said } });
    const error = await failureOf(f.up(f.inputs(EDGE1, { cloudInitUserData: cloudConfig })));
    expect(error).toMatchObject({ code: "EDIS_API_ERROR" });
    expect(error.message).toMatch(/EDIS refused the reinstall; nothing was started/);
    return error;
  }

  it("a message that quotes a line of 8 characters of the cloud-init data is withheld whole", async () => {
    const error = await refusedSaying("cloud-init: line 'Xk9-v2Lq' is not allowed in a literal block");
    expectSaid(error, withheld);
    expectNoneOf({ token: "Xk9-v2Lq" }, everythingIn(error));
    expectNoneOf({ token: "Xk9-v2Lq" }, JSON.stringify([f.events, f.warnings]));
  });

  it("a message that quotes a line of 7 characters of it (`runcmd:`) is kept: so short a line cannot be told from EDIS's own words", async () => {
    expectSaid(await refusedSaying("cloud-init key runcmd: is disabled on this node"), "cloud-init key runcmd: is disabled on this node");
  });

  it("the root password is cut out, the words around it and the image named are kept", async () => {
    const error = await refusedSaying(`image cloudinit_debian-bookworm: password ${ROOT_PASSWORD} is too weak`);
    expectSaid(error, "image cloudinit_debian-bookworm: password [redacted] is too weak");
    expectNoneOf({ password: ROOT_PASSWORD }, everythingIn(error));
  });
});

/**
 * The same cut, field by field, through the EDIS client against the simulator: the provider's own inputs cannot be as
 * short as the boundary (a root password has 12 characters at least, cloud-init data a header).
 */
describe("EDIS client: which quoted secrets are cut", () => {
  const clock = new VirtualClock();
  let sim: EdisSimulator;
  let client: EdisClient;
  beforeAll(async () => {
    sim = await startEdisSimulator({ now: () => clock.now() });
    client = edisConnection(sim, clock).client;
  });
  afterAll(() => sim.close());

  /** The field's call (pw goes to get/auth, the others to set/reinstall), refused in words that quote `said`. */
  async function refusal(field: string, secret: string, said: string) {
    const login = field === "pw";
    sim.inject({ route: login ? EDIS_ROUTES.auth : EDIS_ROUTES.reinstall, kind: "status", status: 400, body: { status: "error", error: said } });
    const url = login ? `${sim.sessionUrl}/kvm/v2/get/auth` : edisUrl(sim.apiHost, "set/reinstall");
    return failureOf(client.post({ url, form: { kvm_id: EDGE1, image: "cloudinit_debian-bookworm", [field]: secret } }));
  }

  const fields = ["pw", "password", "signature", "cloudinit_user_data"];

  it.each(fields)("%s of 4 characters quoted by EDIS is cut out, everywhere the error reaches", async (field) => {
    const error = await refusal(field, "Zq9x", "value Zq9x rejected for cloudinit_debian-bookworm");
    expectSaid(error, "value [redacted] rejected for cloudinit_debian-bookworm");
    expectNoneOf({ [field]: "Zq9x" }, everythingIn(error));
  });

  it.each(fields)("%s of 3 characters is not cut: it cannot be told from a word, and the message stays whole", async (field) => {
    expectSaid(await refusal(field, "the", "check the value and try again"), "check the value and try again");
  });

  it("every secret of one call is cut from one message", async () => {
    const secrets = { pw: "acct-pass", password: ROOT_PASSWORD, signature: "3f9a0c77e1", cloudinit_user_data: "#!sh\nls" };
    sim.inject({ route: EDIS_ROUTES.reinstall, kind: "status", status: 400, body: { error: Object.values(secrets).join(" | ") } });
    const error = await failureOf(client.post({ url: edisUrl(sim.apiHost, "set/reinstall"), form: secrets }));
    expectSaid(error, "[redacted] | [redacted] | [redacted] | [redacted]");
  });
});
