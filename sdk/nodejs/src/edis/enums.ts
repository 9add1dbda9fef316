/** A VPS's power as `get/power` reports it; other words EDIS may use are passed through as they are. */
export type PowerState = "on" | "off" | (string & {});
