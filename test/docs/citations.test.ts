import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repo } from "../../harness/repo";
import { headingAnchors } from "./heading-anchors";

/** Tracked sources and pages: what a reader of the repository can follow a citation from. */
const trackedFiles = execFileSync("git", ["ls-files", "-z"], { cwd: repo, encoding: "utf8" })
  .split("\0")
  .filter((file) => /\.(ts|js|md)$/.test(file) && !file.split("/").includes("node_modules"));
const read = (file: string) => fs.readFileSync(path.join(repo, file), "utf8");

/** `docs/api/<page>.md`, optionally `#<heading anchor>`: the one form code comments cite API facts in. */
const citation = /docs\/api\/([\w.-]+\.md)(?:#([\w-]+))?/g;

/** Notes kept outside the repository, which a citation cannot lead a reader to (names built so this file cites none). */
const outsideNotes = [...["ovh-api", "edis-api", "anchors", "api-fidelity-audit"].map((name) => `${name}.md`), ["shared", "research"].join("/")];
const mentions = (text: string, note: string) => new RegExp(`(?<![\\w-])${note.replace(/[.]/g, "\\.")}`).test(text);

const apiPages = fs.readdirSync(path.join(repo, "docs", "api")).filter((f) => f.endsWith(".md"));

describe("citations of the API reference", () => {
  it("every docs/api citation in a tracked file names an existing page, and a heading of it when it names one", () => {
    const broken = trackedFiles.flatMap((file) =>
      [...read(file).matchAll(citation)]
        .filter(([, page, anchor]) => {
          const target = path.join(repo, "docs", "api", page);
          return !fs.existsSync(target) || (anchor !== undefined && !headingAnchors(fs.readFileSync(target, "utf8")).includes(anchor));
        })
        .map(([cited]) => `${file}: ${cited}`),
    );
    expect(broken).toEqual([]);
  });

  it("no tracked file cites notes kept outside the repository", () => {
    const offending = trackedFiles.flatMap((file) => outsideNotes.filter((note) => mentions(read(file), note)).map((note) => `${file}: ${note}`));
    expect(offending).toEqual([]);
  });

  it("each API page's headings are unique, so every anchor leads to one place", () => {
    for (const page of apiPages) {
      const anchors = headingAnchors(read(path.join("docs", "api", page)));
      expect([page, anchors.filter((anchor, i) => anchors.indexOf(anchor) !== i)]).toEqual([page, []]);
    }
  });

  it("the checks see the citations they are meant to check", () => {
    expect(trackedFiles).toEqual(expect.arrayContaining(["provider/src/ovh/dedicated-server-install/wait.ts", "docs/api/ovh.md"]));
    expect([...read("provider/src/ovh/dedicated-server-install/wait.ts").matchAll(citation)].map(([cited]) => cited)).toContain(
      "docs/api/ovh.md#task-status-values",
    );
    expect(mentions(`see ${outsideNotes[0]} §4`, outsideNotes[0])).toBe(true);
    expect(mentions("docs/heading-anchors.md", outsideNotes[2])).toBe(false);
  });
});
