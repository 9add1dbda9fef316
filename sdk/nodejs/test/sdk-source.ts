import * as path from "node:path";
import * as ts from "typescript";

/** A property of an SDK interface or class, as the compiler sees it in the source. */
export interface Member {
  optional: boolean;
  /** Its TSDoc comment, whitespace collapsed; "" when it has none. */
  doc: string;
  /** Its type as written, e.g. `pulumi.Output<TaskStatus>`. */
  type: string;
}

/** A declaration of an SDK source file: its TSDoc, its members (interfaces, classes) or its literals (unions). */
export interface Declaration {
  doc: string;
  members: Map<string, Member>;
  /** The literal members of a type alias's union (an open `string & {}` member is not one). */
  literals: (string | number)[];
}

export const sdkFile = (module: "ovh" | "edis", file: string) => path.join(__dirname, "..", "src", module, file);

const sources = new Map<string, ts.SourceFile>();

function source(file: string): ts.SourceFile {
  let parsed = sources.get(file);
  if (!parsed) {
    parsed = ts.createSourceFile(file, ts.sys.readFile(file)!, ts.ScriptTarget.ES2022, true);
    sources.set(file, parsed);
  }
  return parsed;
}

function docOf(node: ts.Node): string {
  const texts = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((d) => ts.getTextOfJSDocComment(d.comment) ?? "");
  return texts.join(" ").replace(/\s+/g, " ").trim();
}

function literalOf(node: ts.TypeNode): string | number | undefined {
  if (!ts.isLiteralTypeNode(node)) return undefined;
  if (ts.isStringLiteral(node.literal)) return node.literal.text;
  if (ts.isNumericLiteral(node.literal)) return Number(node.literal.text);
  return undefined;
}

/** The declaration named `name` in an SDK source file; a test fails plainly when it is not there. */
export function declaration(file: string, name: string): Declaration {
  const src = source(file);
  for (const node of src.statements) {
    const named = (ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name?.text === name;
    if (!named) continue;
    const members = new Map<string, Member>();
    if (ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) {
      for (const m of node.members) {
        if ((ts.isPropertySignature(m) || ts.isPropertyDeclaration(m)) && ts.isIdentifier(m.name)) {
          members.set(m.name.text, { optional: m.questionToken !== undefined, doc: docOf(m), type: m.type?.getText(src) ?? "" });
        }
      }
    }
    const union = ts.isTypeAliasDeclaration(node) ? (ts.isUnionTypeNode(node.type) ? node.type.types : [node.type]) : [];
    const literals = union.map(literalOf).filter((l) => l !== undefined);
    return { doc: docOf(node), members, literals };
  }
  throw new Error(`${path.basename(file)} declares no ${name}`);
}
