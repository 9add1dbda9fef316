/**
 * Every simulated route by the name the journal, counters and faults use for it ("METHOD /pattern"). The route
 * tables are built from these names and tests count and fault by them, so the two cannot drift apart.
 */
export const OVH_ROUTES = {
  authTime: "GET /auth/time",
  oauth2Token: "POST /auth/oauth2/token",
  servers: "GET /dedicated/server",
  server: "GET /dedicated/server/{serviceName}",
  hardware: "GET /dedicated/server/{serviceName}/specifications/hardware",
  compatibleTemplates: "GET /dedicated/server/{serviceName}/install/compatibleTemplates",
  installStatus: "GET /dedicated/server/{serviceName}/install/status",
  reinstall: "POST /dedicated/server/{serviceName}/reinstall",
  installStart: "POST /dedicated/server/{serviceName}/install/start",
  tasks: "GET /dedicated/server/{serviceName}/task",
  task: "GET /dedicated/server/{serviceName}/task/{taskId}",
  cancelTask: "POST /dedicated/server/{serviceName}/task/{taskId}/cancel",
  templates: "GET /dedicated/installationTemplate",
  templateInfos: "GET /dedicated/installationTemplate/templateInfos",
  template: "GET /dedicated/installationTemplate/{templateName}",
  partitionScheme: "GET /dedicated/installationTemplate/{templateName}/partitionScheme",
  boots: "GET /dedicated/server/{serviceName}/boot",
  boot: "GET /dedicated/server/{serviceName}/boot/{bootId}",
  updateServer: "PUT /dedicated/server/{serviceName}",
  reboot: "POST /dedicated/server/{serviceName}/reboot",
} as const;

export const EDIS_ROUTES = {
  auth: "POST /kvm/v2/get/auth",
  power: "POST /kvm/v2/get/power",
  details: "POST /kvm/v2/get/details",
  images: "POST /kvm/v2/get/images",
  reinstall: "POST /kvm/v2/set/reinstall",
} as const;

/** A route name's method and pattern, for its entry in a route table. */
export function routeOf(name: string): { method: string; pattern: string } {
  const [method, pattern] = name.split(" ");
  return { method, pattern };
}
