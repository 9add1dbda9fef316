import { isIP } from "node:net";
import type { TemplateInput } from "../responses";
import { quoted } from "../../text-inputs";
import type { Answer } from "./inputs";

type Check = (value: Answer, input: TemplateInput) => string | undefined;

const isString = (v: Answer): v is string => typeof v === "string";
const matches =
  (re: RegExp, expected: string): Check =>
  (v) =>
    isString(v) && re.test(v) ? undefined : expected;

function validDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

function parsesAsSshPublicKey(v: string): boolean {
  const sshpk = require("sshpk") as typeof import("sshpk");
  try {
    sshpk.parseKey(v.trim(), "ssh");
    return true;
  } catch {
    return false;
  }
}

/**
 * One check per `dedicated.TemplateOsInputTypeEnum` value (docs/api/ovh-templates.md#template-inputs), each saying what the
 * answer must be when it is not. Reasons never quote the answer: answers may be scripts or credentials.
 */
const checks: Record<string, Check> = {
  boolean: (v) => (typeof v === "boolean" || v === "true" || v === "false" ? undefined : "a boolean (true or false)"),
  date: (v) => (isString(v) && /^\d{4}-\d{2}-\d{2}$/.test(v) && validDate(v) ? undefined : "a date as YYYY-MM-DD"),
  email: matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "an email address"),
  enum: (v, input) => {
    const allowed = input.enum ?? [];
    return allowed.includes(String(v)) ? undefined : `one of: ${allowed.join(", ")}`;
  },
  hexstring: matches(/^[0-9A-Fa-f]+$/, "a hexadecimal string"),
  hostname: (v) =>
    isString(v) && v.length <= 253 && v.split(".").every((l) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l))
      ? undefined
      : "a hostname (labels of 1 to 63 letters, digits and hyphens)",
  ip: (v) => (isString(v) && isIP(v) !== 0 ? undefined : "an IPv4 or IPv6 address"),
  keyValue: (v) => (typeof v === "object" && v !== null && Object.values(v).every((e) => typeof e === "string") ? undefined : "a map of strings to strings"),
  number: (v) => (Number.isFinite(typeof v === "string" && v.trim() !== "" ? Number(v) : v) && typeof v !== "boolean" ? undefined : "a number"),
  sshPubKey: (v) => (isString(v) && parsesAsSshPublicKey(v) ? undefined : 'an SSH public key in OpenSSH format, e.g. "ssh-ed25519 AAAA… user@host"'),
  string: (v) => (isString(v) ? undefined : "a string"),
  text: (v) => (isString(v) ? undefined : "a string"),
  time: matches(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, "a time as HH:MM or HH:MM:SS"),
  url: (v) => {
    if (!isString(v)) return "a URL";
    try {
      const url = new URL(v);
      return ["http:", "https:", "ftp:"].includes(url.protocol) ? undefined : "an http, https or ftp URL";
    } catch {
      return "a URL";
    }
  },
  uuid: matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "a UUID"),
};

/** Why `value` is not a valid answer to `input`, or undefined. Types added by OVH later are checked as strings. */
export function answerProblem(input: TemplateInput, value: Answer): string | undefined {
  const problem = (checks[input.type] ?? checks.string)(value, input);
  return problem && `the answer to ${quoted(input.name)} must be ${problem} (the question is of type ${input.type})`;
}

/** The answer as `/reinstall` wants it: typed JSON for booleans, numbers and maps. */
export function reinstallValue(input: TemplateInput | undefined, value: Answer): Answer {
  if (input?.type === "boolean") return value === true || value === "true";
  if (input?.type === "number") return Number(value);
  return typeof value === "object" ? value : String(value);
}

/** The answer as legacy `install/start` wants it: `userMetadata` values are strings. */
export function installStartValue(value: Answer): string {
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Whether a question must be answered: mandatory with no default (the OVH install guide, "OS Questions"). */
export function needsAnswer(input: TemplateInput): boolean {
  return input.mandatory && (input.default === undefined || input.default === null || input.default === "");
}
