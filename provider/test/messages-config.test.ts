import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { VirtualClock } from "../src/clock";
import { kvmReinstallProvider } from "../src/edis/kvm-reinstall/provider";
import { dedicatedServerInstallProvider } from "../src/ovh/dedicated-server-install/provider";
import { EDGE1, ROOT_PASSWORD, closedPort } from "./support/edis";
import { hosted } from "./support/host";
import { failureText } from "./support/normalised";
import { failureOf } from "./support/failure-of";
import { ovhFixture, SCALE7, type OvhFixture } from "./support/ovh";
import { OVH_ROUTES } from "pulumi-reinstall-simulator";

/**
 * The full text of each distinct settings and credentials failure, pinned once (issue 11): what `pulumi preview`
 * says when the provider's settings cannot be used, and when OVH refuses the credentials, through the real check
 * (against the simulator where OVH must answer). HOME is an empty directory: no ~/.ovh.conf of the machine's.
 */
const ovhInputs = { serviceName: SCALE7, templateName: "debian12_64" };
const kvmInputs = { kvmId: EDGE1, image: "cloudinit_debian-bookworm", password: ROOT_PASSWORD, readinessPort: 22 };

describe("settings and credentials message texts", () => {
  const clock = new VirtualClock();
  let home: string;
  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "empty-home-"));
  });
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  const ovhPreview = async (env: NodeJS.ProcessEnv) => {
    const host = await hosted(dedicatedServerInstallProvider, clock, { HOME: home, ...env });
    return failureText(await failureOf(host.provider.check({}, ovhInputs)));
  };
  const kvmPreview = async (env: NodeJS.ProcessEnv) => {
    const host = await hosted(kvmReinstallProvider, clock, { HOME: home, ...env });
    return failureText(await failureOf(host.provider.check({}, kvmInputs)));
  };

  it("OVH settings that cannot be used", async () => {
    // A well-formed endpoint where nothing listens: a setting that passes goes no further than this machine.
    const nowhere = `https://127.0.0.1:${await closedPort()}/1.0`;
    // A loopback address is never proxied (as in Go): the proxy settings are read for another name of it.
    const proxied = nowhere.replace("127.0.0.1", "localhost.");
    const application = { OVH_APPLICATION_KEY: "ak", OVH_APPLICATION_SECRET: "as", OVH_CONSUMER_KEY: "ck" };
    const texts = [
      await ovhPreview({}),
      await ovhPreview({ OVH_ENDPOINT: nowhere }),
      await ovhPreview({ OVH_ENDPOINT: nowhere, OVH_APPLICATION_KEY: "ak" }),
      await ovhPreview({ OVH_ENDPOINT: nowhere, ...application, OVH_ACCESS_TOKEN: "token" }),
      await ovhPreview({ OVH_ENDPOINT: "http://eu.api.ovh.com/1.0", ...application }),
      await ovhPreview({ OVH_ENDPOINT: "kimsufi-eu", OVH_CLIENT_ID: "id", OVH_CLIENT_SECRET: "secret" }),
      await ovhPreview({ OVH_ENDPOINT: nowhere, ...application, OVH_REQUESTS_PER_MINUTE: "sixty" }),
      await ovhPreview({ OVH_ENDPOINT: proxied, ...application, HTTPS_PROXY: "http://ops:pr0xy%zz@127.0.0.1:3128" }),
      await ovhPreview({ OVH_ENDPOINT: proxied, ...application, HTTPS_PROXY: "socks5://127.0.0.1:1080" }),
    ];
    expect(texts).toMatchInlineSnapshot(`
[
  "CONFIG_ERROR: no OVH endpoint is set: set ovh:endpoint or OVH_ENDPOINT (or endpoint in ovh.conf [default]) to one of ovh-eu, ovh-ca, ovh-us, kimsufi-eu, kimsufi-ca, soyoustart-eu, soyoustart-ca, or an https URL such as the simulator's
  next: set them with \`pulumi config set ovh:<name> <value> [--secret]\`, the OVH_* environment variables or an ovh.conf file (./ovh.conf, ~/.ovh.conf, /etc/ovh.conf), one of three kinds: an application key (applicationKey, applicationSecret, consumerKey), an OAuth2 service account (clientId, clientSecret) or an access token (accessToken)",
  "CONFIG_ERROR: no OVH credentials are set: set ovh:applicationKey / OVH_APPLICATION_KEY / application_key in ovh.conf [https://127.0.0.1:<port>/1.0], ovh:applicationSecret / OVH_APPLICATION_SECRET / application_secret in ovh.conf [https://127.0.0.1:<port>/1.0], ovh:consumerKey / OVH_CONSUMER_KEY / consumer_key in ovh.conf [https://127.0.0.1:<port>/1.0] (an application key); or ovh:clientId / OVH_CLIENT_ID / client_id in ovh.conf [https://127.0.0.1:<port>/1.0], ovh:clientSecret / OVH_CLIENT_SECRET / client_secret in ovh.conf [https://127.0.0.1:<port>/1.0] (an OAuth2 service account); or ovh:accessToken / OVH_ACCESS_TOKEN / access_token in ovh.conf [https://127.0.0.1:<port>/1.0] (an access token)
  next: set them with \`pulumi config set ovh:<name> <value> [--secret]\`, the OVH_* environment variables or an ovh.conf file (./ovh.conf, ~/.ovh.conf, /etc/ovh.conf), one of three kinds: an application key (applicationKey, applicationSecret, consumerKey), an OAuth2 service account (clientId, clientSecret) or an access token (accessToken)",
  "CONFIG_ERROR: an application key needs ovh:applicationKey, ovh:applicationSecret, ovh:consumerKey: found OVH_APPLICATION_KEY (environment); missing ovh:applicationSecret / OVH_APPLICATION_SECRET / application_secret in ovh.conf [https://127.0.0.1:<port>/1.0], ovh:consumerKey / OVH_CONSUMER_KEY / consumer_key in ovh.conf [https://127.0.0.1:<port>/1.0]
  next: set them with \`pulumi config set ovh:<name> <value> [--secret]\`, the OVH_* environment variables or an ovh.conf file (./ovh.conf, ~/.ovh.conf, /etc/ovh.conf), one of three kinds: an application key (applicationKey, applicationSecret, consumerKey), an OAuth2 service account (clientId, clientSecret) or an access token (accessToken)",
  "CONFIG_ERROR: more than one kind of OVH credentials is set: an application key (OVH_APPLICATION_KEY (environment), OVH_APPLICATION_SECRET (environment), OVH_CONSUMER_KEY (environment)) and an access token (OVH_ACCESS_TOKEN (environment)); keep one kind (go-ovh refuses this mix too)
  next: set them with \`pulumi config set ovh:<name> <value> [--secret]\`, the OVH_* environment variables or an ovh.conf file (./ovh.conf, ~/.ovh.conf, /etc/ovh.conf), one of three kinds: an application key (applicationKey, applicationSecret, consumerKey), an OAuth2 service account (clientId, clientSecret) or an access token (accessToken)",
  "CONFIG_ERROR: the OVH endpoint from OVH_ENDPOINT (environment) is neither a known name (ovh-eu, ovh-ca, ovh-us, kimsufi-eu, kimsufi-ca, soyoustart-eu, soyoustart-ca) nor a usable https URL: http://eu.api.ovh.com is not https
  next: set them with \`pulumi config set ovh:<name> <value> [--secret]\`, the OVH_* environment variables or an ovh.conf file (./ovh.conf, ~/.ovh.conf, /etc/ovh.conf), one of three kinds: an application key (applicationKey, applicationSecret, consumerKey), an OAuth2 service account (clientId, clientSecret) or an access token (accessToken)",
  "CONFIG_ERROR: endpoint kimsufi-eu (OVH_ENDPOINT (environment)) does not support OAuth2 service accounts: use an application key or an access token, or one of ovh-eu, ovh-ca, ovh-us
  next: set them with \`pulumi config set ovh:<name> <value> [--secret]\`, the OVH_* environment variables or an ovh.conf file (./ovh.conf, ~/.ovh.conf, /etc/ovh.conf), one of three kinds: an application key (applicationKey, applicationSecret, consumerKey), an OAuth2 service account (clientId, clientSecret) or an access token (accessToken)",
  "CONFIG_ERROR: OVH_REQUESTS_PER_MINUTE (environment) must be a whole number of requests per minute from 1 to 6000; it is a 5-character value that is not
  next: set ovh:requestsPerMinute / OVH_REQUESTS_PER_MINUTE to the requests per minute the OVH key may make (unset: 60, OVH's fair-use figure), then run \`pulumi up\` again",
  "CONFIG_ERROR: HTTPS_PROXY is not a proxy URL (a 34-character value)
  next: set HTTPS_PROXY to http://host:port (or http://user:password@host:port), or unset it",
  "CONFIG_ERROR: the proxy socks5://127.0.0.1:<port> (HTTPS_PROXY) is not an HTTP proxy: only http:// and https:// proxies are supported
  next: set HTTPS_PROXY to the http:// address of your proxy, or list the API host in NO_PROXY",
]
`);
  });

  it("EDIS settings that cannot be used", async () => {
    const texts = [
      await kvmPreview({ EDIS_EMAIL: "ops@example.com" }),
      await kvmPreview({ EDIS_EMAIL: "ops@example.com", EDIS_PASSWORD: "pw", EDIS_SESSION_URL: "http://session.edis.example" }),
    ];
    expect(texts).toMatchInlineSnapshot(`
[
  "CONFIG_ERROR: no usable EDIS credentials: missing edis:password / EDIS_PASSWORD; found EDIS_EMAIL (environment)
  next: set them with \`pulumi config set edis:email <email>\` and \`pulumi config set --secret edis:password <password>\` (the client-area login, with API access enabled in the VPS Management Portal), or EDIS_EMAIL and EDIS_PASSWORD",
  "CONFIG_ERROR: the EDIS session URL from EDIS_SESSION_URL (environment) is not a usable https URL: http://session.edis.example is not https
  next: unset edis:sessionUrl / EDIS_SESSION_URL to use https://session.edisglobal.com, or point it at the simulator's https URL",
]
`);
  });

  describe("credentials OVH refuses", () => {
    const refusal = async (env: (sim: OvhFixture["sim"]) => NodeJS.ProcessEnv, stackConfig: Record<string, string> = {}) => {
      const f = await ovhFixture({ env: (sim) => ({ HOME: home, OVH_ENDPOINT: sim.endpoint, ...env(sim) }), stackConfig });
      return failureOf(f.provider.check({}, ovhInputs))
        .then((e) => failureText(e))
        .finally(() => f.close());
    };

    it("an application key, its secret, a consumer key, an access token, a service account", async () => {
      const texts = [
        await refusal((sim) => ({
          OVH_APPLICATION_KEY: "not-an-application-key",
          OVH_APPLICATION_SECRET: sim.credentials.applicationSecret,
          OVH_CONSUMER_KEY: sim.credentials.consumerKey,
        })),
        await refusal((sim) => ({ OVH_APPLICATION_KEY: sim.credentials.applicationKey, OVH_CONSUMER_KEY: sim.credentials.consumerKey }), {
          "ovh:applicationSecret": "not-the-secret",
        }),
        await refusal((sim) => ({
          OVH_APPLICATION_KEY: sim.credentials.applicationKey,
          OVH_APPLICATION_SECRET: sim.credentials.applicationSecret,
          OVH_CONSUMER_KEY: "revoked-consumer-key",
        })),
        await refusal(() => ({}), { "ovh:accessToken": "a-token-ovh-never-issued" }),
        await refusal(() => ({ OVH_CLIENT_SECRET: "not-the-client-secret" }), { "ovh:clientId": "EU.sim0client0001" }),
      ];
      expect(texts).toMatchInlineSnapshot(`
[
  "OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused OVH_APPLICATION_KEY (environment): OVH does not know this application key
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  API said: HTTP 403 INVALID_KEY "This application key is invalid"
  next: set OVH_APPLICATION_KEY (environment) to the key of an application created on this endpoint (https://eu.api.ovh.com/createApp/ or its ca/us twin)",
  "OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused ovh:applicationSecret (stack config): the request signature made with it is invalid, so it is not the secret of this application key
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  API said: HTTP 400 INVALID_SIGNATURE "Invalid signature"
  next: set ovh:applicationSecret (stack config) to the application secret issued with the application key, then run \`pulumi up\` again",
  "OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused OVH_CONSUMER_KEY (environment): this consumer key does not exist, expired, was revoked, or belongs to another application key
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  API said: HTTP 403 INVALID_CREDENTIAL "This credential is not valid"
  next: create a consumer key for this application key (https://eu.api.ovh.com/createToken/ or POST /auth/credential) and set OVH_CONSUMER_KEY (environment) to it",
  "OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused ovh:accessToken (stack config): the token is invalid or expired
  call: GET /dedicated/server/ns3001234.ip-51-68-1.eu/install/compatibleTemplates
  API said: HTTP 401 Client::Unauthorized "Invalid token"
  next: set ovh:accessToken (stack config) to a valid access token (they expire), or use an application key or a service account",
  "OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused the OAuth2 client credentials ovh:clientId (stack config), OVH_CLIENT_SECRET (environment)
  call: POST /auth/oauth2/token
  API said: HTTP 401 Unauthorized "{\\"error\\":\\"invalid_client\\",\\"error_description\\":\\"client authentication failed\\"}"
  next: set the id and secret of a service account of this endpoint's OVH account, then run \`pulumi up\` again",
]
`);
    });

    it("an install the consumer key's access rules do not allow", async () => {
      const f = await ovhFixture();
      f.sim.inject({
        route: OVH_ROUTES.reinstall,
        kind: "status",
        status: 403,
        body: { errorCode: "NOT_GRANTED_CALL", httpCode: "403 Forbidden", message: "This call has not been granted" },
      });
      const text = await failureOf(f.up(ovhInputs))
        .then((e) => failureText(e))
        .finally(() => f.close());
      expect(text).toMatchInlineSnapshot(`
"OVH_API_ERROR: DedicatedServerInstall ns3001234.ip-51-68-1.eu: OVH refused the install request; nothing was started
  call: POST /dedicated/server/ns3001234.ip-51-68-1.eu/reinstall
  API said: HTTP 403 NOT_GRANTED_CALL "This call has not been granted"
  next: create a consumer key whose access rules allow GET and POST on /dedicated/server/*, and set OVH_CONSUMER_KEY (environment) to it"
`);
    });
  });
});
