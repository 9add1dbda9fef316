/** Quotes a value for a POSIX shell `export` line, leaving plain values readable. */
export function shellQuote(value: string): string {
  return /^[\w./:@%+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
