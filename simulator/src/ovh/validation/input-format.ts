import { isIP } from "node:net";
import type { InputType } from "../catalogue";

/** Key types OpenSSH writes at the start of a public key line. */
const SSH_KEY_TYPES = [
  "ssh-ed25519",
  "ssh-rsa",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com",
  "ssh-dss",
];
const SSH_KEY_LINE = new RegExp(`^(${SSH_KEY_TYPES.map((t) => t.replace(/[.@]/g, "\\$&")).join("|")}) [A-Za-z0-9+/]+={0,3}( .*)?$`);

type Check = (value: string) => string | undefined;
const pattern =
  (re: RegExp, problem: string): Check =>
  (v) =>
    re.test(v) ? undefined : problem;

/**
 * String formats per input type. Inferred: OVH publishes the type names (docs/api/ovh-templates.md#template-inputs) but not its checks,
 * so these accept what the type name promises and nothing looser.
 */
const STRING_CHECKS: Partial<Record<InputType, Check>> = {
  sshPubKey: (v) =>
    v.split(/\r?\n/).every((line) => line.trim() === "" || SSH_KEY_LINE.test(line.trim()))
      ? undefined
      : `must start with a known key type (${SSH_KEY_TYPES.slice(0, 5).join(", ")}, ...) followed by the base64 key`,
  url: (v) => (/^(https?|ftp):$/.test(safeUrl(v)?.protocol ?? "") ? undefined : "must be an absolute http, https or ftp URL"),
  ip: (v) => (isIP(v) ? undefined : "must be an IPv4 or IPv6 address"),
  email: pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an e-mail address"),
  uuid: pattern(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a UUID"),
  hexstring: pattern(/^[0-9a-fA-F]+$/, "must contain hexadecimal digits only"),
  date: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) ? undefined : "must be a date YYYY-MM-DD"),
  time: pattern(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, "must be a time HH:MM or HH:MM:SS"),
};

/** Why `value` is not a valid answer of this type, or undefined when it is. */
export function formatProblem(type: InputType, allowed: readonly string[], value: unknown): string | undefined {
  switch (type) {
    case "keyValue":
      return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string")
        ? undefined
        : "must be an object of string values";
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false" ? undefined : "must be true or false";
    case "number":
      return (typeof value === "number" && Number.isFinite(value)) || (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value))
        ? undefined
        : "must be a number";
  }
  if (typeof value !== "string") return "must be a string";
  if (type === "enum") return allowed.includes(value) ? undefined : `must be one of ${allowed.join(", ")}`;
  return STRING_CHECKS[type]?.(value);
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
