import { shellQuote } from "../shell-quote";
import { OVH_SERVERS } from "./catalogue";
import type { OvhSimulator } from "./server";

/** The lines `reinstall-sim` prints: exports to paste into a shell, then comments describing what the simulator serves. */
export function ovhShellLines(sim: OvhSimulator, caCertPath: string): string[] {
  const c = sim.credentials;
  const servers = OVH_SERVERS.flatMap((s) => [
    `#   ${s.name}: ${s.description}, os ${s.os}`,
    `#     disk groups: ${s.diskGroups.map((g) => `${g.diskGroupId} = ${g.description}`).join("; ")}`,
    `#     templates: ${s.compatibleTemplates.join(", ")}`,
  ]);
  return [
    `export OVH_ENDPOINT=${sim.endpoint}`,
    `export OVH_APPLICATION_KEY=${c.applicationKey}`,
    `export OVH_APPLICATION_SECRET=${c.applicationSecret}`,
    `export OVH_CONSUMER_KEY=${c.consumerKey}`,
    `export NODE_EXTRA_CA_CERTS=${shellQuote(caCertPath)}`,
    `# or: export OVH_CLIENT_ID=${c.clientId} OVH_CLIENT_SECRET=${c.clientSecret}  (OAuth2, token URL ${sim.origin}/auth/oauth2/token)`,
    `# or: export OVH_ACCESS_TOKEN=${c.accessToken}  (a ready access token, sent as Authorization: Bearer)`,
    "# servers:",
    ...servers,
  ];
}
