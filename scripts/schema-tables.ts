import * as fs from "node:fs";
import * as path from "node:path";
import {
  DedicatedServerInstallInputs,
  KvmReinstallInputs,
  dedicatedServerInstallDiffRules,
  kvmReinstallDiffRules,
  withImageDefaults,
  type DiffRules,
} from "pulumi-reinstall-provider";
import { repo } from "../harness/repo";

/**
 * The tables of the docs pages, rendered from schema.json (names, types, descriptions, secrets, required) and from
 * the provider itself (defaults, what a change does), between markers in hand-written pages:
 *
 *     <!-- generated: inputs reinstall:ovh:DedicatedServerInstall -->
 *     …
 *     <!-- end generated -->
 *
 * Kinds: `inputs` and `outputs` of a resource, `type` (an object type's fields) and `enum` (an enum's values).
 */

export interface PropertySpec {
  type?: string;
  $ref?: string;
  items?: PropertySpec;
  oneOf?: PropertySpec[];
  additionalProperties?: PropertySpec;
  description?: string;
  secret?: boolean;
  default?: unknown;
  replaceOnChanges?: boolean;
}
export interface TypeSpec {
  type: string;
  description: string;
  properties?: Record<string, PropertySpec>;
  required?: string[];
  enum?: { value: string | number; description?: string }[];
}
interface ResourceSpec {
  inputProperties: Record<string, PropertySpec>;
  requiredInputs: string[];
  properties: Record<string, PropertySpec>;
  required: string[];
}
export interface Schema {
  resources: Record<string, ResourceSpec>;
  types: Record<string, TypeSpec>;
}

export const schema: Schema = JSON.parse(fs.readFileSync(path.join(repo, "schema.json"), "utf8"));

/** The smallest valid inputs, from which the provider's own parsing tells the defaults it fills in. */
export const minimalInputs = {
  "reinstall:ovh:DedicatedServerInstall": { serviceName: "ns1.example", templateName: "debian12_64" },
  "reinstall:edis:KvmReinstall": { kvmId: "kvm_1_2", image: "cloudinit_debian-bookworm", password: "Aa1!Aa1!Aa1!" },
} as const;
type ResourceToken = keyof typeof minimalInputs;

const diffRules: Record<ResourceToken, DiffRules> = {
  "reinstall:ovh:DedicatedServerInstall": dedicatedServerInstallDiffRules,
  "reinstall:edis:KvmReinstall": kvmReinstallDiffRules,
};

/** Defaults as the provider applies them; KvmReinstall's waiting defaults follow the image, Windows or not. */
function defaultsOf(token: ResourceToken): Record<string, string> {
  const given = minimalInputs[token];
  const filled = (inputs: Record<string, unknown>) => Object.entries(inputs).filter(([k]) => !(k in given));
  if (token === "reinstall:ovh:DedicatedServerInstall") {
    return Object.fromEntries(filled(DedicatedServerInstallInputs.parse(given)).map(([k, v]) => [k, code(v)]));
  }
  const linux = Object.fromEntries(filled(withImageDefaults(KvmReinstallInputs.parse(given))));
  const windows = Object.fromEntries(filled(withImageDefaults(KvmReinstallInputs.parse({ ...given, image: "windows-2022" }))));
  return Object.fromEntries(
    Object.entries(linux).map(([k, v]) => [k, v === windows[k] ? code(v) : `${code(v)}; ${code(windows[k])} for \`windows-*\` images`]),
  );
}

const code = (value: unknown) => `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
const cell = (text: string | undefined) => (text ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
const nameOf = (token: string) => token.split(":")[2];
export const anchorOf = (token: string) => `#${nameOf(token).toLowerCase()}`;

function typeOf(p: PropertySpec): string {
  if (p.oneOf) return p.oneOf.map(typeOf).join(" or ");
  if (p.$ref === "pulumi.json#/Any") return "any";
  if (p.$ref) {
    const token = p.$ref.replace("#/types/", "");
    return `[${nameOf(token)}](${anchorOf(token)})`;
  }
  if (p.type === "array") return `${typeOf(p.items!)}[]`;
  if (p.type === "object") return `map of ${typeOf(p.additionalProperties!)}`;
  return p.type!;
}

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

function onChange(token: ResourceToken, name: string): string {
  const rules = diffRules[token];
  if (schema.resources[token].inputProperties[name].replaceOnChanges) return "**replaces**";
  return rules.waitOnly.includes(name) ? "nothing sent" : "**reinstalls**";
}

function inputsTable(token: ResourceToken): string {
  const r = schema.resources[token];
  const defaults = defaultsOf(token);
  const rows = Object.entries(r.inputProperties).map(([name, p]) => [
    `\`${name}\``,
    typeOf(p),
    r.requiredInputs.includes(name) ? "yes" : "",
    defaults[name] ?? "",
    p.secret ? "secret" : "",
    onChange(token, name),
    cell(p.description),
  ]);
  return table(["input", "type", "required", "default", "secret", "a change", "description"], rows);
}

function outputsTable(token: ResourceToken): string {
  const r = schema.resources[token];
  const rows = Object.entries(r.properties).map(([name, p]) => [
    `\`${name}\``,
    typeOf(p),
    r.required.includes(name) ? "yes" : "",
    p.secret ? "secret" : "",
    name in r.inputProperties ? "The input as recorded in state, defaults filled in." : cell(p.description),
  ]);
  return table(["output", "type", "always set", "secret", "description"], rows);
}

function typeTable(token: string): string {
  const t = schema.types[token];
  const rows = Object.entries(t.properties!).map(([name, p]) => [
    `\`${name}\``,
    typeOf(p),
    (t.required ?? []).includes(name) ? "yes" : "",
    cell(p.description),
  ]);
  return `${t.description}\n\n${table(["field", "type", "required", "description"], rows)}`;
}

function enumTable(token: string): string {
  const t = schema.types[token];
  const rows = t.enum!.map((e) => [code(e.value), cell(e.description)]);
  return `${t.description}\n\n${table(["value", "meaning"], rows)}`;
}

const renderers: Record<string, (token: string) => string> = {
  inputs: (token) => inputsTable(token as ResourceToken),
  outputs: (token) => outputsTable(token as ResourceToken),
  type: typeTable,
  enum: enumTable,
};

const block = /(<!-- generated: (\w+) ([\w:]+) -->\n)[\s\S]*?(<!-- end generated -->)/g;

/** The page with every generated block rendered anew; unknown kinds and tokens fail loudly. */
export function renderPage(text: string): string {
  return text.replace(block, (_all, begin: string, kind: string, token: string, end: string) => {
    const render = renderers[kind];
    if (!render || !(schema.resources[token] ?? schema.types[token])) throw new Error(`unknown generated block: ${kind} ${token}`);
    return `${begin}${render(token)}\n${end}`;
  });
}

/** The [kind, token] of every generated block of a page. */
export function blocksOf(text: string): [string, string][] {
  return [...text.matchAll(block)].map((m) => [m[2], m[3]]);
}

export const docsDir = path.join(repo, "docs");

/** The pages that hold generated blocks. */
export function generatedPages(): string[] {
  return fs
    .readdirSync(docsDir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => path.join(docsDir, f))
    .filter((f) => blocksOf(fs.readFileSync(f, "utf8")).length > 0);
}
