import type { OvhSimulator } from "pulumi-reinstall-simulator";

/** A stack's provider config as a user sets it: `pulumi config set` keys, and which of them were set with `--secret`. */
export interface StackConfig {
  config: Record<string, string>;
  secretKeys: readonly string[];
}

/** `ovh:endpoint` and `ovh:applicationKey` plain, `ovh:applicationSecret` and `ovh:consumerKey` secret, pointing at the simulator. */
export function ovhStackConfig(ovh: OvhSimulator): StackConfig {
  const c = ovh.credentials;
  return {
    config: {
      "ovh:endpoint": ovh.endpoint,
      "ovh:applicationKey": c.applicationKey,
      "ovh:applicationSecret": c.applicationSecret,
      "ovh:consumerKey": c.consumerKey,
    },
    secretKeys: ["ovh:applicationSecret", "ovh:consumerKey"],
  };
}
