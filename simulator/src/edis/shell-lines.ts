import { shellQuote } from "../shell-quote";
import { isWindowsImage } from "./catalogue";
import type { EdisSimulator } from "./server";

/**
 * The lines `reinstall-sim` prints for EDIS: exports to paste into a shell, then one comment per VPS naming the
 * local port that stands in for its SSH (RDP) port, which a dry run passes as `readinessPort`.
 */
export function edisShellLines(sim: EdisSimulator): string[] {
  const vpses = sim.vpsList.map(
    (v) =>
      `#   ${v.kvmId}: ${v.description}, image ${v.image}, ${isWindowsImage(v.image) ? "rdp" : "ssh"} stand-in on 127.0.0.1:${v.port} (readinessPort ${v.port})`,
  );
  return [
    `export EDIS_SESSION_URL=${sim.sessionUrl}`,
    `export EDIS_EMAIL=${shellQuote(sim.credentials.email)}`,
    `export EDIS_PASSWORD=${shellQuote(sim.credentials.password)}`,
    `# EDIS API host (api_host from get/auth): ${sim.apiHost}`,
    "# vps:",
    ...vpses,
  ];
}
