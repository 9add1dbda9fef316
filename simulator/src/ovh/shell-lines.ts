import { shellQuote } from "../shell-quote";
import { findTemplate, OVH_SERVERS } from "./catalogue";
import { ovhDate } from "./dates";
import type { OvhSimulator } from "./server";

/**
 * The lines `reinstall-sim` prints: exports to paste into a shell, then comments describing what the simulator serves.
 * A server's templates are those it can install on `today`; one past its endOfInstall is listed apart, so a newcomer
 * picking from the list never picks one the simulator refuses.
 */
export function ovhShellLines(sim: OvhSimulator, caCertPath: string, today = ovhDate(Date.now())): string[] {
  const c = sim.credentials;
  const ended = (name: string) => (findTemplate(name)?.endOfInstall ?? today) < today;
  const servers = OVH_SERVERS.flatMap((s) => [
    `#   ${s.name}: ${s.description}, os ${s.os}`,
    `#     disk groups: ${s.diskGroups.map((g) => `${g.diskGroupId} = ${g.description}`).join("; ")}`,
    `#     templates: ${s.compatibleTemplates.filter((t) => !ended(t)).join(", ")}`,
    ...s.compatibleTemplates.filter(ended).map((t) => `#     no longer installable: ${t} (endOfInstall ${findTemplate(t)?.endOfInstall})`),
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
