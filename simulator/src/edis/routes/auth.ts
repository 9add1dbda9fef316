import { VPS_IP } from "../catalogue";
import { authMissing, authRejected } from "../errors";
import { field, ok, type EdisRoute, type EdisWorld } from "../route";
import { EDIS_ROUTES, routeOf } from "../../route-names";

/** Shown in every auth entry although PTR calls are out of scope: the legacy host the spec example still names (docs/api/edis.md#routes). */
const API_RDNS = "dns-api.edis.at";

/**
 * POST /kvm/v2/get/auth on the session host (docs/api/edis.md#auth-sessions): `email` and `pw` (not `password`), optional `kvm_id`.
 * `data` is an object keyed by kvm_id, one fresh signature per VPS; without kvm_id it covers the whole account.
 */
export const authRoutes: EdisRoute[] = [
  {
    ...routeOf(EDIS_ROUTES.auth),
    access: "login",
    handler: ({ fields, world }) => {
      const email = field(fields, "email");
      const pw = field(fields, "pw");
      if (email === undefined || pw === undefined) return authMissing();
      if (email !== world.credentials.email || pw !== world.credentials.password) return authRejected();
      const wanted = field(fields, "kvm_id");
      // Inferred: an unknown kvm_id is no error, just no entry; callers must check that data[kvm_id] exists (docs/api/edis.md#auth-sessions).
      const ids = wanted === undefined ? world.state.specs().map((s) => s.kvmId) : world.state.spec(wanted) ? [wanted] : [];
      return ok({ data: Object.fromEntries(ids.map((id) => [id, authEntry(world, id)])), status: "success" });
    },
  },
];

function authEntry(world: EdisWorld, kvmId: string) {
  const session = world.sessions.issue(kvmId);
  return {
    api_host: world.apiHost,
    api_rdns: API_RDNS,
    kvm_id: kvmId,
    valid_until: session.validUntil,
    signature: session.signature,
    suspended: world.state.isSuspended(kvmId) ? "y" : "n",
    description: world.state.spec(kvmId)?.description ?? "",
    lps: "01",
    lps_ispremium: false,
    primary_ip: VPS_IP,
  };
}
