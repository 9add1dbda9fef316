import { VPS_HARDWARE, VPS_IP } from "../catalogue";
import { ok, type EdisRoute } from "../route";
import { EDIS_ROUTES, routeOf } from "../../route-names";

/** POST /kvm/v2/get/power and /kvm/v2/get/details on the API host (docs/api/edis.md#power-and-details). */
export const infoRoutes: EdisRoute[] = [
  {
    ...routeOf(EDIS_ROUTES.power),
    access: "session",
    handler: ({ fields, world }) =>
      ok({
        status: "success",
        // Only "server powered on" is documented; "server powered off" is inferred (docs/api/edis.md#power-and-details).
        data: world.state.machine(fields.kvm_id).poweredOn ? "server powered on" : "server powered off",
        traffic_suspended: false,
      }),
  },
  {
    ...routeOf(EDIS_ROUTES.details),
    access: "session",
    // The shape is the spec's; the values are inferred. It has no OS or install field (docs/api/edis.md#routes).
    handler: ({ fields, world }) =>
      ok({
        status: "success",
        data: {
          hw: VPS_HARDWARE,
          suspended: world.state.isSuspended(fields.kvm_id) ? "y" : "n",
          ip: { ipv4: [`${VPS_IP}/32`], ipv4_gw: VPS_IP, ipv4_nm: "255.255.255.255", ipv6_gw: "", ipv6_64: "" },
          hostname: `${world.state.spec(fields.kvm_id)?.description ?? fields.kvm_id}.edis.example`,
        },
      }),
  },
];
