import { Parser, type YAMLError } from "yaml";

/**
 * Where a YAML error is in the user's file, by line only (the data is secret). Lines count from 1, as editors
 * do, the header line included. An unclosed bracket or quote is only noticed lines later, or past the last
 * line, so the line it was opened on is named instead: that is the line to fix.
 */
export function yamlErrorPlace(text: string, error: YAMLError): string {
  const line = error.linePos?.[0].line ?? Infinity;
  const opened = firstUnclosed(text);
  const openedAt = opened && lineAt(text, opened.offset);
  if (opened && openedAt && openedAt <= line) return `at line ${openedAt}: a ${opened.char} opened there is not closed`;
  return Number.isFinite(line) ? `at line ${line}` : "somewhere in the data";
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

interface Token {
  type?: string;
  offset?: number;
  source?: string;
  start?: { source?: string };
  end?: { source?: string }[];
}

/** The first flow collection or quoted scalar in the CST without its closing character. */
function firstUnclosed(text: string): { char: string; offset: number } | undefined {
  const found: { char: string; offset: number }[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== "object" || value === null) return;
    const token = value as Token;
    if (token.type === "flow-collection" && token.start?.source && token.offset !== undefined) {
      const close = token.start.source === "[" ? "]" : "}";
      if (!token.end?.some((e) => e.source === close)) found.push({ char: token.start.source, offset: token.offset });
    }
    if ((token.type === "double-quoted-scalar" || token.type === "single-quoted-scalar") && token.source && token.offset !== undefined) {
      const quote = token.source[0];
      if (token.source.length < 2 || !token.source.endsWith(quote)) found.push({ char: quote, offset: token.offset });
    }
    for (const [key, child] of Object.entries(token)) if (key !== "start") walk(child);
  };
  for (const token of new Parser().parse(text)) walk(token);
  return found.sort((a, b) => a.offset - b.offset)[0];
}
