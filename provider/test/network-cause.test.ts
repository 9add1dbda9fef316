import { ReinstallError, type NetworkFailure } from "../src/errors";
import { networkCause } from "../src/network-cause";
import { isRetryable, retryPolicies } from "../src/retry";

/** A resolver that answers "try again" (EAI_AGAIN) is a hiccup, not a name that does not exist (ENOTFOUND). */
describe("EAI_AGAIN: a transient resolver failure", () => {
  const proxy = "http://proxy.corp:3128 (HTTPS_PROXY)";
  const failure = (extra: Partial<NetworkFailure>): NetworkFailure => ({
    code: "EAI_AGAIN",
    errno: -3001,
    host: "eu.api.ovh.com:443",
    firstContact: true,
    ...extra,
  });
  const error = (network: NetworkFailure) => new ReinstallError("NETWORK_ERROR", "the request failed", { network });

  it.each([
    ["resolving the API host", failure({})],
    ["resolving the proxy's host", failure({ proxy, atProxy: true })],
  ])("%s is retried like a dropped connection, on first contact and mid-wait, never taken for a wrong name", (_what, network) => {
    expect(networkCause(network)).toBe("dropped");
    for (const policy of [retryPolicies.read, retryPolicies.taskPoll]) {
      expect(isRetryable(policy, error(network))).toBe(true);
      expect(isRetryable(policy, error({ ...network, firstContact: false }))).toBe(true);
    }
    expect(isRetryable(retryPolicies.destructive, error(network))).toBe(false);
  });

  it("while ENOTFOUND on first contact is a wrong name, said at once", () => {
    expect(networkCause(failure({ code: "ENOTFOUND" }))).toBe("dns");
    expect(isRetryable(retryPolicies.read, error(failure({ code: "ENOTFOUND" })))).toBe(false);
    expect(networkCause(failure({ code: "ENOTFOUND", proxy, atProxy: true }))).toBe("proxy");
  });
});
