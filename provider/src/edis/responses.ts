import { z } from "zod";

/** EDIS answers, parsed loosely (unknown fields pass, missing ones fail); shapes from docs/api/edis.md#routes. */
export const AuthEntry = z.looseObject({
  api_host: z.string().min(1),
  kvm_id: z.string(),
  // An integer in the spec; older examples show strings. Sent back exactly as received (docs/api/edis.md#session-lifetime).
  valid_until: z.union([z.number(), z.string()]),
  signature: z.string().min(1),
  suspended: z.string(),
  description: z.string().nullish(),
  primary_ip: z.string().nullish(),
});
export type AuthEntry = z.infer<typeof AuthEntry>;

// PHP serialises an empty map as [], so "no VPS" can arrive as either.
export const AuthResponse = z.looseObject({ data: z.union([z.record(z.string(), AuthEntry), z.array(z.unknown()).max(0)]) });

export const Images = z.looseObject({ data: z.array(z.string()) });

export const Power = z.looseObject({ data: z.string() });

export const Details = z.looseObject({
  data: z.looseObject({
    ip: z.looseObject({ ipv4: z.array(z.string()).nullish() }).nullish(),
    hostname: z.string().nullish(),
  }),
});

/** `{"status":"success"}`: an acknowledgement only; the reinstall runs for minutes afterwards (docs/api/edis.md#reinstall). */
export const Acknowledged = z.looseObject({ status: z.literal("success") });
