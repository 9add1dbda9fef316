import { parseDocument } from "yaml";
import { yamlErrorPlace } from "./yaml-error-place";

/**
 * The user-data formats cloud-init recognises by their first line (cloud-init docs, "User data formats").
 * YAML formats are parsed, so a broken #cloud-config fails at preview instead of silently at first boot.
 */
const formats: { header: RegExp; name: string; yaml?: "mapping" | "list" }[] = [
  { header: /^#cloud-config-archive\s*$/, name: "#cloud-config-archive", yaml: "list" },
  { header: /^#cloud-config\s*$/, name: "#cloud-config", yaml: "mapping" },
  { header: /^#!/, name: "a script (#!)" },
  { header: /^#include(-once)?\s*$/, name: "#include" },
  { header: /^#cloud-boothook\s*$/, name: "#cloud-boothook" },
  { header: /^#part-handler\s*$/, name: "#part-handler" },
  { header: /^Content-Type: multipart\//i, name: "MIME multipart" },
];

export const recognisedFormats = formats.map((f) => f.name).join(", ");

/** Why cloud-init would not take this user data, or undefined. Reasons quote no content. */
export function cloudInitProblem(userData: string): string | undefined {
  const lines = userData.replace(/^\uFEFF/, "").split(/\r?\n/);
  const jinja = /^## template:\s*jinja\s*$/.test(lines[0]);
  const body = jinja ? lines.slice(1) : lines;
  const format = formats.find((f) => f.header.test(body[0] ?? ""));
  if (!format) return `the first line is not a cloud-init header; cloud-init recognises ${recognisedFormats}`;
  if (!format.yaml || jinja) return undefined;
  // Silent, and the reasons carry only the error's code and line: the library's messages quote the data.
  const text = body.join("\n");
  const document = parseDocument(text, { logLevel: "silent" });
  const error = document.errors[0];
  if (error) return `${format.name} is not valid YAML (${error.code} ${yamlErrorPlace(text, error)})`;
  let value: unknown;
  try {
    value = document.toJS();
  } catch {
    return `${format.name} has an alias or tag that does not resolve`;
  }
  const shapeOk = format.yaml === "list" ? Array.isArray(value) : value === null || value === undefined || (typeof value === "object" && !Array.isArray(value));
  return shapeOk ? undefined : `${format.name} must be a YAML ${format.yaml}`;
}
