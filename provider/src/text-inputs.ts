/** A value quoted in a message, cut short: messages stay readable and never carry a long input whole. */
export function quoted(value: string, max = 64): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}
