import { edisFixture, withNoKnownIpv4 } from "./support/edis";
import { failureText } from "./support/normalised";
import { failureOf } from "./support/failure-of";

/**
 * The full text of KvmReinstall's failure for a VPS EDIS knows no IPv4 address of, pinned once (issue 11). The
 * login's answer is the simulator's own, real signature included, with primary_ip left out; get/details then lists
 * no address: readiness cannot be watched, and nothing is sent.
 */
describe("KvmReinstall with no IPv4 address", () => {
  it("fails before reinstalling, naming the call and the way out", async () => {
    const f = await edisFixture();
    try {
      await withNoKnownIpv4(f);
      const error = await failureOf(f.up(f.inputs()));
      expect(f.reinstalls()).toBe(0);
      expect(failureText(error)).toMatchInlineSnapshot(`
"EDIS_API_ERROR: KvmReinstall kvm_123456_789012: EDIS reports no IPv4 address for kvm_123456_789012, so readiness cannot be observed
  call: POST 127.0.0.1:<port>/kvm/v2/get/details
  next: set waitForReady: false, then run \`pulumi up\` again"
`);
    } finally {
      await f.close();
    }
  });
});
