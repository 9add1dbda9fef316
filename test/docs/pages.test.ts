import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { blocksOf, docsDir, generatedPages, renderPage, schema } from "../../scripts/schema-tables";
import { repo } from "../../harness/repo";
import { headingAnchors } from "./heading-anchors";

const read = (file: string) => fs.readFileSync(file, "utf8");
const pages = fs
  .readdirSync(docsDir)
  .filter((f) => f.endsWith(".md"))
  .map((f) => path.join(docsDir, f));
const apiDir = path.join(docsDir, "api");
const apiPages = fs
  .readdirSync(apiDir)
  .filter((f) => f.endsWith(".md"))
  .map((f) => path.join(apiDir, f));
const relative = (file: string) => path.relative(repo, file);

/** The members of `ErrorCode` in provider/src/errors.ts, as the compiler reads the union. */
function errorCodes(): string[] {
  const file = path.join(repo, "provider", "src", "errors.ts");
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.ES2022, true);
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === "ErrorCode")!;
  return (alias.type as ts.UnionTypeNode).types.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text);
}

/** The codes a resource's own provider code raises or tests for, from its directory's sources. */
function codesUsedUnder(dir: string, codes: string[]): string[] {
  const root = path.join(repo, "provider", "src", dir);
  const sources = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => read(path.join(root, f)));
  return codes.filter((code) => sources.some((text) => text.includes(`"${code}"`)));
}

/** The codes of a page's errors table: rows that start with a code. */
const documentedCodes = (page: string) => [...read(page).matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);

const pageOf = (resourceToken: string) => pages.find((p) => blocksOf(read(p)).some(([kind, token]) => kind === "inputs" && token === resourceToken))!;

describe("docs pages", () => {
  it.each(generatedPages().map(relative))("%s is what `make docs` renders from schema.json and the provider", (page) => {
    const text = read(path.join(repo, page));
    expect(renderPage(text)).toBe(text);
  });

  it("every resource's inputs and outputs, and every type, have a table", () => {
    const blocks = pages.flatMap((p) => blocksOf(read(p)).map(([kind, token]) => `${kind} ${token}`));
    const expected = [
      ...Object.keys(schema.resources).flatMap((token) => [`inputs ${token}`, `outputs ${token}`]),
      ...Object.entries(schema.types).map(([token, t]) => `${t.enum ? "enum" : "type"} ${token}`),
    ];
    expect(blocks.sort()).toEqual(expected.sort());
  });

  it("every error code is documented, each on the page of every resource whose code raises it, and no other code is", () => {
    const codes = errorCodes();
    const documented = pages.flatMap(documentedCodes);
    expect([...new Set(documented)].sort()).toEqual([...codes].sort());
    for (const [token, dir] of [
      ["reinstall:ovh:DedicatedServerInstall", "ovh"],
      ["reinstall:edis:KvmReinstall", "edis"],
    ]) {
      const page = pageOf(token);
      const missing = codesUsedUnder(dir, codes).filter((code) => !documentedCodes(page).includes(code));
      expect([relative(page), missing]).toEqual([relative(page), []]);
    }
  });

  it("every relative link of a docs page, an API page and the README leads to a file, and to a heading of it when it names one", () => {
    for (const page of [...pages, ...apiPages, path.join(repo, "README.md")]) {
      for (const [, target] of read(page).matchAll(/\]\(((?!https?:)[^)\s]+)\)/g)) {
        const [file, anchor] = target.split("#");
        const resolved = file ? path.resolve(path.dirname(page), file) : page;
        expect([relative(page), target, fs.existsSync(resolved)]).toEqual([relative(page), target, true]);
        if (anchor && resolved.endsWith(".md"))
          expect([relative(page), target, headingAnchors(read(resolved))]).toEqual([relative(page), target, expect.arrayContaining([anchor])]);
      }
    }
  });

  it("the migration page maps every argument and attribute of terraform-provider-ovh's resource", () => {
    // The top-level schema keys of ovh_dedicated_server_reinstall_task in terraform-provider-ovh's
    // ovh/resource_dedicated_server_reinstall_task.go at a1ae5bc (2026-08-21), the commit the page cites.
    const terraform = [
      "service_name",
      "os",
      "bootid_on_destroy",
      "customizations",
      "properties",
      "storage",
      "comment",
      "done_date",
      "function",
      "last_update",
      "start_date",
      "status",
    ];
    const page = read(path.join(docsDir, "migrating-from-terraform-and-pulumi-ovh.md"));
    const firstColumn = [...page.matchAll(/^\| `([a-z_]+)/gm)].map((m) => m[1]);
    expect(terraform.filter((name) => !firstColumn.includes(name))).toEqual([]);
  });

  it("docs/testing.md lists every equivalent-mutant mark in provider/src, and no mark that is not there", () => {
    const src = path.join(repo, "provider", "src");
    const marks = (fs.readdirSync(src, { recursive: true }) as string[])
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) =>
        [...read(path.join(src, file)).matchAll(/Stryker disable next-line ([\w,]+):/g)].map((m) => `${file.split(path.sep).join("/")} ${m[1]}`),
      );
    const page = read(path.join(docsDir, "testing.md"));
    const section = page.slice(page.indexOf("### The equivalent mutants"));
    const listed = [...section.matchAll(/^\| `([\w/.-]+)` \| ([\w,]+) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(listed.sort()).toEqual(marks.sort());
  });
});
