import { inspect } from "node:util";

/** All that an error shows: every property (hidden ones and the whole cause chain included), JSON, message, stack. */
export function everythingIn(error: unknown): string {
  const e = error as Error;
  return [inspect(error, { depth: Infinity, showHidden: true }), JSON.stringify(error), e.message, String(e.stack)].join("\n");
}

/** Fails naming the secret found, without printing the (long) text it was found in. */
export function expectNoneOf(secrets: Record<string, string>, text: string): void {
  const found = Object.entries(secrets)
    .filter(([, secret]) => text.includes(secret))
    .map(([name]) => name);
  expect(found).toEqual([]);
}
