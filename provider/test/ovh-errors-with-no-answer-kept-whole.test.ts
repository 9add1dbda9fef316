import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { failureText } from "./support/normalised";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";

/**
 * Only the text answers to a template's questions are cut from what OVH says (ovh-quoted-answers-cut.test.ts):
 * an error that quotes none of them reaches the user as the client made it, OVH's words and the client's summary whole.
 */
describe("an OVH error that quotes no answer", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("keeps the client's summary: a boot PUT the consumer key may not send names that key", async () => {
    f = await ovhFixture();
    const { id, outs } = await f.up({ serviceName: SCALE7, templateName: "debian12_64", onDelete: { rescue: "rescue12-customer" } });
    f.sim.inject({
      route: OVH_ROUTES.updateServer,
      kind: "status",
      status: 403,
      body: { errorCode: "NOT_GRANTED_CALL", httpCode: "403 Forbidden", message: "This call has not been granted" },
    });
    const error = await failureOf(f.provider.delete(id, outs));
    expect(failureText(error).split("\n").slice(0, 3)).toEqual([
      "OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused OVH_CONSUMER_KEY (environment): its access rules do not allow this call",
      "  call: PUT /dedicated/server/ns3001234.ip-51-68-1.eu",
      '  API said: HTTP 403 NOT_GRANTED_CALL "This call has not been granted"',
    ]);
    expect(f.sim.count({ route: OVH_ROUTES.reboot })).toBe(0);
  });

  it("keeps OVH's words whole when the answers are numbers and booleans, whatever the words are", async () => {
    f = await ovhFixture();
    // Any text may be in OVH's words, the one a mutation test makes up for an answer ("Stryker was here") included.
    const message = "Invalid customization format for nodeCount of type number: 3 nodes need enableLacpBonding true (Stryker was here)";
    f.sim.inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 400, body: { class: "Client::BadRequest::CustomizationInvalidFormat", message } });
    const inputs = {
      serviceName: SCALE7,
      templateName: "nutanix-ce_64",
      userMetadata: { adminEmail: "ops@example.com", nodeCount: 3, enableLacpBonding: true },
    };
    const error = await failureOf(f.up(inputs));
    expect(failureText(error)).toContain(`API said: HTTP 400 Client::BadRequest::CustomizationInvalidFormat "${message}"`);
  });
});
