import { z } from "zod";

/**
 * Caps on what users type. They are checked before anything else looks at a value, so that nothing downstream
 * (YAML parsing, edit distances, API look-ups) works on an over-long one and no message quotes it.
 */
export const textLimits = {
  /** Names the APIs list — templates, images, partition schemes, kvm ids, question names; real ones are short. */
  name: 255,
  /** serviceName and customHostname are DNS names (RFC 1035 §2.3.4). */
  hostname: 253,
  /** "/" and 255 more characters, the rule storage.ts applies to mount points. */
  mountPoint: 256,
  /**
   * Cloud-init user data, template answers (scripts, keys) and triggers, in UTF-8 bytes: 64 KiB, the most the
   * common clouds take as user data (Azure custom data 64 KB, OpenStack 65,535 bytes; EC2 only 16 KB). Neither
   * EDIS nor OVH documents a limit.
   */
  longText: 65_536,
  /** Entries of userMetadata (a template asks a handful of questions) and of triggers. */
  entries: 100,
} as const;

/** A string of 1 to `max` characters. The length is checked first, and its reason names the field, never the value. */
export function boundedText(field: string, max: number) {
  return z
    .string()
    .max(max, { abort: true, error: (issue) => `${field} is ${String(issue.input).length} characters long; the limit is ${max}` })
    .min(1, { abort: true });
}

/** A long text of at most `textLimits.longText` UTF-8 bytes; the reason names the field, never the content. */
export function longText(field: string) {
  const max = textLimits.longText;
  return z.string().refine((text) => Buffer.byteLength(text) <= max, {
    abort: true,
    error: (issue) => `${field} is ${Buffer.byteLength(String(issue.input))} bytes long; the limit is ${max} bytes (64 KiB)`,
  });
}

/** Strings whose change reinstalls with the same inputs. */
export const Triggers = z.array(longText("a trigger")).max(textLimits.entries, `triggers has more than ${textLimits.entries} entries`);

/** A value quoted in a message, cut short: messages stay readable and never carry a long input whole. */
export function quoted(value: string, max = 64): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}
