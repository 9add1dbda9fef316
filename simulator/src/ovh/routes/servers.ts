import { createHash } from "node:crypto";
import type { ServerSpec } from "../catalogue";
import { forServer, ok, type OvhRoute } from "../route";
import { defaultGroupId } from "../validation/disk-use";
import type { OvhState } from "../state";
import { OVH_ROUTES, routeOf } from "../../route-names";

export const serverRoutes: OvhRoute[] = [
  { ...routeOf(OVH_ROUTES.servers), access: "authenticated", handler: ({ state }) => ok(state.serverNames()) },
  { ...routeOf(OVH_ROUTES.server), access: "authenticated", handler: forServer(({ state }, server) => ok(dedicatedServer(state, server))) },
  {
    ...routeOf(OVH_ROUTES.hardware),
    access: "authenticated",
    handler: forServer((_, server) => ok(hardwareSpecifications(server))),
  },
  {
    ...routeOf(OVH_ROUTES.compatibleTemplates),
    access: "authenticated",
    // Today's shape: `personal` went away with personal templates (docs/api/ovh-templates.md#compatible-templates).
    handler: forServer((_, server) => ok({ ovh: [...server.compatibleTemplates] })),
  },
];

/** `dedicated.server.DedicatedWithIAM` (docs/api/ovh-templates.md#server-object); `os` follows finished reinstalls. */
function dedicatedServer(state: OvhState, server: ServerSpec) {
  const region = `eu-west-${server.datacenter.replace(/\d+$/, "")}`;
  return {
    availabilityZone: `${region}-a`,
    bootId: state.boots.bootId(server.name),
    bootScript: null,
    commercialRange: server.commercialRange ?? null,
    datacenter: server.datacenter,
    efiBootloaderPath: null,
    iam: { displayName: server.name, id: stableUuid(server.name), state: "OK", urn: `urn:v1:eu:resource:dedicatedServer:${server.name}` },
    ip: server.ip,
    linkSpeed: 1000,
    monitoring: true,
    name: server.name,
    newUpgradeSystem: true,
    noIntervention: false,
    os: state.live(server.name).os,
    powerState: "poweron",
    professionalUse: false,
    rack: server.rack ?? "S000A00",
    region,
    rescueMail: null,
    rescueSshKey: null,
    reverse: server.name,
    rootDevice: null,
    serverId: server.serverId ?? parseInt(stableUuid(server.name).slice(0, 6), 16),
    state: "ok",
    supportLevel: "pro",
  };
}

/** `dedicated.server.HardwareSpecifications` (docs/api/ovh-templates.md#hardware-specifications). */
function hardwareSpecifications(server: ServerSpec) {
  const hw = server.hardware;
  return {
    bootMode: server.bootMode,
    coresPerProcessor: hw?.coresPerProcessor ?? null,
    defaultHardwareRaidSize: server.diskGroups[0]?.defaultHardwareRaidSize ?? null,
    defaultHardwareRaidType: server.diskGroups[0]?.defaultHardwareRaidType ?? null,
    defaultDiskGroupId: defaultGroupId(server),
    description: server.description,
    diskGroups: server.diskGroups,
    expansionCards: null,
    formFactor: hw?.formFactor ?? null,
    memorySize: hw ? { unit: "MB", value: hw.memorySizeMb } : null,
    motherboard: hw?.motherboard ?? null,
    numberOfProcessors: hw?.numberOfProcessors ?? null,
    processorArchitecture: "x86_64",
    processorName: hw?.processorName ?? null,
    threadsPerProcessor: hw?.threadsPerProcessor ?? null,
    usbKeys: null,
  };
}

/** A UUID derived from the name, so IAM ids stay the same across restarts. */
function stableUuid(name: string): string {
  const h = createHash("sha1").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
