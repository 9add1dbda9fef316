import { BOOT_OPTIONS, rebootResource } from "../boots";
import { invalidParameter, objectNotFound, ovhError } from "../errors";
import { forServer, isRecord, jsonBody, ok, type OvhRoute } from "../route";
import { OVH_ROUTES, routeOf } from "../../route-names";

/** The boot routes and the reboot (docs/api/ovh.md#boots-and-reboot). */
export const bootRoutes: OvhRoute[] = [
  {
    // `bootType` narrows the id list, as terraform-provider-ovh's ovh_dedicated_server_boots asks for it.
    ...routeOf(OVH_ROUTES.boots),
    access: "authenticated",
    handler: forServer(({ exchange }) => {
      const { bootType } = exchange.query;
      return ok(BOOT_OPTIONS.filter((b) => bootType === undefined || b.bootType === bootType).map((b) => b.bootId));
    }),
  },
  {
    ...routeOf(OVH_ROUTES.boot),
    access: "authenticated",
    handler: forServer(({ params }) => {
      const boot = BOOT_OPTIONS.find((b) => String(b.bootId) === params.bootId);
      return boot ? ok({ ...boot }) : objectNotFound("bootId", params.bootId);
    }),
  },
  {
    // `dedicated.server.Dedicated` is writable here; only bootId matters to the simulator, the rest is accepted and ignored.
    ...routeOf(OVH_ROUTES.updateServer),
    access: "authenticated",
    handler: forServer(({ exchange, state }, server) => {
      const parsed = jsonBody(exchange);
      if (!parsed || !isRecord(parsed.value)) return invalidParameter("body", "must be a JSON object");
      const { bootId } = parsed.value;
      if (bootId === undefined) return { status: 200 };
      if (typeof bootId !== "number" || !Number.isInteger(bootId)) return invalidParameter("bootId", "must be an integer");
      // Inferred wording and class: what OVH answers for a boot id that is not one of the server's is not public.
      if (!BOOT_OPTIONS.some((b) => b.bootId === bootId)) return ovhError(400, "Client::BadRequest", `Invalid bootId ${bootId}: not a boot of ${server.name}`);
      state.boots.setBootId(server.name, bootId);
      // `void` in the spec: 200 with an empty body, like task cancel.
      return { status: 200 };
    }),
  },
  {
    ...routeOf(OVH_ROUTES.reboot),
    access: "authenticated",
    handler: forServer(({ state, now }, server) => ok(rebootResource(state.boots.startReboot(server.name), now))),
  },
];
