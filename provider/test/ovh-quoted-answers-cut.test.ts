import { OVH_ROUTES } from "pulumi-reinstall-simulator";
import { failureText } from "./support/normalised";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./support/ovh";
import { everythingIn, expectNoneOf } from "./support/secrets";

/**
 * OVH may quote the answers to a template's questions back in an error (docs/api/ovh.md#reinstall-errors): those
 * answers (scripts, keys) are cut out of what the API said before any error carries it. Each case is OVH's answer
 * injected into the simulator's real reinstall route, and the install request sent by the real provider.
 */
const declared = (extra: Props = {}) => ({ serviceName: SCALE7, templateName: "debian12_64", ...extra });

describe("answers OVH quotes back in an error", () => {
  let f: OvhFixture;
  afterEach(() => f.close());

  it("are cut from 8 characters on, each time quoted; a shorter answer and OVH's own words are kept", async () => {
    f = await ovhFixture();
    // "custom" cannot be told from OVH's own words ("customization"): cutting it would garble them, and hide nothing.
    const inputs = declared({ customHostname: "custom", userMetadata: { postInstallationScript: "poweroff" } });
    f.sim.inject({
      route: OVH_ROUTES.reinstall,
      kind: "status",
      status: 400,
      body: {
        class: "Client::BadRequest::CustomizationInvalidFormat",
        message: "Invalid customization format for postInstallationScript of type text: poweroff would stop custom; poweroff is not allowed",
      },
    });
    const error = await failureOf(f.up(inputs));
    expect(failureText(error)).toMatchInlineSnapshot(`
"OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused the install request; nothing was started
  call: POST /dedicated/server/ns3001234.ip-51-68-1.eu/reinstall
  API said: HTTP 400 Client::BadRequest::CustomizationInvalidFormat "Invalid customization format for postInstallationScript of type text: [redacted] would stop custom; [redacted] is not allowed"
  next: fix userMetadata: the answers must match the template's questions"
`);
  });

  it("that make OVH's answer ambiguous are cut from the failure and from the answer it keeps as its cause", async () => {
    f = await ovhFixture();
    const script = "#!/bin/sh\ncurl -H 'Authorization: Bearer s3cr3t-deploy-token' https://deploy.example.com/hook";
    f.sim.inject({
      route: OVH_ROUTES.reinstall,
      kind: "status",
      status: 500,
      body: { class: "Server::InternalServerError", message: `Internal error while running ${script}` },
    });
    const error = await failureOf(f.up(declared({ userMetadata: { postInstallationScript: script } })));
    expect(error).toMatchObject({ code: "AMBIGUOUS_START" });
    expect(failureText(error.cause as Error)).toMatchInlineSnapshot(`
"OVH_API_ERROR: OVH answered HTTP 500
  call: POST /dedicated/server/ns3001234.ip-51-68-1.eu/reinstall
  API said: HTTP 500 Server::InternalServerError "Internal error while running [redacted]"
  next: OVH had a problem or is busy: run \`pulumi up\` again (a running install is resumed, not restarted)"
`);
    expectNoneOf({ script, token: "s3cr3t-deploy-token" }, everythingIn(error));
  });
});
