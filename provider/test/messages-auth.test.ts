import { OVH_ROUTES, type OvhSimulator } from "pulumi-reinstall-simulator";
import { failureText } from "./support/normalised";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7 } from "./support/ovh";

/**
 * The full text of the OVH refusals of credentials that messages-config.test.ts does not reach, each pinned once
 * (issue 11): a consumer key never validated, and the 401 and 403 without a legacy error code that bearer tokens
 * get, for each kind of credentials that sends one. OVH's answer is injected into the simulator's real route.
 */
const ovhInputs = { serviceName: SCALE7, templateName: "debian12_64" };
const forbidden = { kind: "status", status: 403, body: { class: "Client::Forbidden", message: "This call has not been granted" } } as const;
const unauthorized = { kind: "status", status: 401, body: { class: "Client::Unauthorized", message: "Invalid token" } } as const;

describe("OVH credential refusal texts", () => {
  const refusal = async (env: (sim: OvhSimulator) => NodeJS.ProcessEnv, answer: { kind: "status"; status: number; body: Record<string, string> }) => {
    const f = await ovhFixture({ env: (sim) => ({ OVH_ENDPOINT: sim.endpoint, ...env(sim) }) });
    f.sim.inject({ route: OVH_ROUTES.compatibleTemplates, ...answer });
    return failureOf(f.provider.check({}, ovhInputs))
      .then((e) => failureText(e))
      .finally(() => f.close());
  };
  const applicationKey = (sim: OvhSimulator) => ({
    OVH_APPLICATION_KEY: sim.credentials.applicationKey,
    OVH_APPLICATION_SECRET: sim.credentials.applicationSecret,
    OVH_CONSUMER_KEY: sim.credentials.consumerKey,
  });
  const accessToken = (sim: OvhSimulator) => ({ OVH_ACCESS_TOKEN: sim.credentials.accessToken });
  const serviceAccount = (sim: OvhSimulator) => ({ OVH_CLIENT_ID: sim.credentials.clientId, OVH_CLIENT_SECRET: sim.credentials.clientSecret });

  it("a consumer key never validated; 403 for each kind; 401 for a service account and an application key", async () => {
    const texts = [
      await refusal(applicationKey, {
        kind: "status",
        status: 403,
        body: { errorCode: "NOT_CREDENTIAL", httpCode: "403 Forbidden", message: "This credential does not exist" },
      }),
      await refusal(applicationKey, forbidden),
      await refusal(accessToken, forbidden),
      await refusal(serviceAccount, forbidden),
      await refusal(serviceAccount, unauthorized),
      await refusal(applicationKey, unauthorized),
    ];
    expect(texts).toMatchInlineSnapshot(`
[
  "OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused OVH_CONSUMER_KEY (environment): this consumer key was never validated
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  API said: HTTP 403 NOT_CREDENTIAL "This credential does not exist"
  next: validate the consumer key in OVH_CONSUMER_KEY (environment) (open its validationUrl and log in), or create a new one",
  "OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused OVH_APPLICATION_KEY (environment), OVH_APPLICATION_SECRET (environment), OVH_CONSUMER_KEY (environment): they do not allow this call
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  API said: HTTP 403 Client::Forbidden "This call has not been granted"
  next: grant the credentials in OVH_APPLICATION_KEY (environment), OVH_APPLICATION_SECRET (environment), OVH_CONSUMER_KEY (environment) GET and POST on /dedicated/server/* (IAM policy or consumer key access rules)",
  "OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused OVH_ACCESS_TOKEN (environment): they do not allow this call
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  API said: HTTP 403 Client::Forbidden "This call has not been granted"
  next: grant the credentials in OVH_ACCESS_TOKEN (environment) GET and POST on /dedicated/server/* (IAM policy or consumer key access rules)",
  "OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused OVH_CLIENT_ID (environment), OVH_CLIENT_SECRET (environment): they do not allow this call
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  API said: HTTP 403 Client::Forbidden "This call has not been granted"
  next: grant the credentials in OVH_CLIENT_ID (environment), OVH_CLIENT_SECRET (environment) GET and POST on /dedicated/server/* (IAM policy or consumer key access rules)",
  "OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused OVH_CLIENT_ID (environment), OVH_CLIENT_SECRET (environment): OVH did not accept them as a login
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  API said: HTTP 401 Client::Unauthorized "Invalid token"
  next: check OVH_CLIENT_ID (environment), OVH_CLIENT_SECRET (environment), then run \`pulumi up\` again",
  "OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused OVH_APPLICATION_KEY (environment), OVH_APPLICATION_SECRET (environment), OVH_CONSUMER_KEY (environment): OVH did not accept them as a login
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  API said: HTTP 401 Client::Unauthorized "Invalid token"
  next: check OVH_APPLICATION_KEY (environment), OVH_APPLICATION_SECRET (environment), OVH_CONSUMER_KEY (environment), then run \`pulumi up\` again",
]
`);
  });
});
