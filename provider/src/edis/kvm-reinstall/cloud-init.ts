import { parseDocument } from "yaml";

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

/**
 * The line of the user's file an error is on (YAML counts from 1, as editors do, header line included). An
 * unclosed bracket or quote is only found where the data ends, past its last line: said so, with that line.
 */
function whereInFile(line: number | undefined, lines: string[]): string {
  const last = lines.findLastIndex((l) => l.trim() !== "") + 1;
  if (line === undefined) return "somewhere in the data";
  return line > last ? `where the data ends, after line ${last}: a bracket or quote opened before is not closed` : `at line ${line}`;
}

/** Why cloud-init would not take this user data, or undefined. Reasons quote no content. */
export function cloudInitProblem(userData: string): string | undefined {
  const lines = userData.replace(/^\uFEFF/, "").split(/\r?\n/);
  const jinja = /^## template:\s*jinja\s*$/.test(lines[0]);
  const body = jinja ? lines.slice(1) : lines;
  const format = formats.find((f) => f.header.test(body[0] ?? ""));
  if (!format) return `the first line is not a cloud-init header; cloud-init recognises ${recognisedFormats}`;
  if (!format.yaml || jinja) return undefined;
  // Silent, and the reasons carry only the error's code and line: the library's messages quote the data.
  const document = parseDocument(body.join("\n"), { logLevel: "silent" });
  const error = document.errors[0];
  if (error) return `${format.name} is not valid YAML (${error.code} ${whereInFile(error.linePos?.[0].line, body)})`;
  let value: unknown;
  try {
    value = document.toJS();
  } catch {
    return `${format.name} has an alias or tag that does not resolve`;
  }
  const shapeOk = format.yaml === "list" ? Array.isArray(value) : value === null || value === undefined || (typeof value === "object" && !Array.isArray(value));
  return shapeOk ? undefined : `${format.name} must be a YAML ${format.yaml}`;
}
