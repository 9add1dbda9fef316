import { VirtualClock } from "../src/clock";
import { kvmReinstallProvider } from "../src/edis/kvm-reinstall/provider";
import { EDGE1, ROOT_PASSWORD } from "./support/edis";
import { hosted } from "./support/host";
import { failureText } from "./support/normalised";
import { failureOf } from "./support/failure-of";

/**
 * The full text of the preview failure when no EDIS login is set anywhere, neither in stack config nor in the
 * environment: both settings are named as missing, and nothing is said to have been found (issue 11's pinned texts;
 * messages-config.test.ts pins the case where one of the two is set).
 */
describe("EDIS settings: no login set anywhere", () => {
  it("names both settings and how to set them", async () => {
    const host = await hosted(kvmReinstallProvider, new VirtualClock(), {});
    const check = host.provider.check({}, { kvmId: EDGE1, image: "cloudinit_debian-bookworm", password: ROOT_PASSWORD, readinessPort: 22 });
    expect(failureText(await failureOf(check))).toMatchInlineSnapshot(`
"CONFIG_ERROR: no usable EDIS credentials: missing edis:email / EDIS_EMAIL, edis:password / EDIS_PASSWORD
  next: set them with \`pulumi config set edis:email <email>\` and \`pulumi config set --secret edis:password <password>\` (the client-area login, with API access enabled in the VPS Management Portal), or EDIS_EMAIL and EDIS_PASSWORD"
`);
  });
});
