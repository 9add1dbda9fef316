import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { failureText } from "./support/normalised";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

/**
 * The full text of OVH's refusals of the install request that name the input at fault, each hint pinned once
 * (issue 11); messages-install.test.ts pins the refusal's form with one hint, with none, and with a quoted answer.
 * OVH's answer is injected into the simulator's real route; nothing is started, so one server serves every case,
 * and only the next step is pinned (the rest is the form pinned there).
 */
const declared = { serviceName: SCALE7, templateName: "debian12_64" };

describe("DedicatedServerInstall refusal hints", () => {
  let f: OvhFixture;
  beforeAll(async () => {
    f = await ovhFixture();
  });
  afterAll(() => f.close());

  it("each class of refusal OVH documents for the install request, with the input it names", async () => {
    const texts: string[] = [];
    for (const [status, className] of [
      [409, "Client::Conflict::DisturbAlreadyExists"],
      [400, "Client::BadRequest::CustomizationInvalid"],
      [400, "Client::BadRequest::PartitionInvalid"],
      [400, "Client::BadRequest::HardwareRaidInvalid"],
      [409, "Client::Conflict::HardwareRaidNotSupported"],
      [404, "Client::NotFound::DiskGroupNotFound"],
      [404, "Client::NotFound::SchemeNameNotFound"],
      [404, "Client::NotFound::OperatingSystemNotFound"],
      [409, "Client::Conflict::OperatingSystemIncompatible"],
      [403, "Client::Forbidden::OperatingSystemLicenseMissing"],
    ] as const) {
      f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status, body: { class: className, message: "refused" } });
      texts.push(
        failureText(await failureOf(f.up(declared)))
          .split("\n")
          .at(-1)!,
      );
    }
    // Each refusal is final: one POST each, never retried.
    expect(f.installPosts()).toBe(10);
    expect(texts).toMatchInlineSnapshot(`
[
  "  next: another process holds the server: wait for it, then run \`pulumi up\` again",
  "  next: fix userMetadata: the answers must match the template's questions",
  "  next: fix storage[0].partitioning",
  "  next: fix storage[0].hardwareRaid",
  "  next: fix storage[0].hardwareRaid",
  "  next: fix diskGroupId",
  "  next: fix partitionSchemeName",
  "  next: fix templateName",
  "  next: fix templateName: pick one of the server's compatible templates",
  "  next: order the license for this OS, or pick another template",
]
`);
  });
});
