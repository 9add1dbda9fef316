/**
 * The anchors GitHub gives a Markdown page's headings: lowercase, punctuation other than `-` and `_` dropped, spaces to
 * hyphens (github-slugger's rules; the `-1` it appends to a repeated heading is not produced).
 */
export const headingAnchors = (markdown: string): string[] =>
  [...markdown.matchAll(/^#+ (.+)$/gm)].map((m) =>
    m[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}_ -]/gu, "")
      .replace(/ /g, "-"),
  );
