import { z } from "zod";

/**
 * The root (or Administrator) password policy, ours since EDIS documents none (docs/api/edis.md#passwords): 12 to
 * 128 printable ASCII characters without spaces (what any console keyboard layout can type), from at least
 * three of: lowercase, uppercase, digits, symbols. Reasons never quote the password.
 */
export const passwordPolicy = "12 to 128 printable ASCII characters, no spaces, using at least three of: lowercase letters, uppercase letters, digits, symbols";

const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

export const Password = z
  .string()
  .superRefine((password, ctx) => {
    const problem =
      password.length < 12 || password.length > 128
        ? `is ${password.length} characters long`
        : !/^[\x21-\x7e]+$/.test(password)
          ? "contains spaces or characters outside printable ASCII"
          : classes.filter((c) => c.test(password)).length < 3
            ? "uses fewer than three kinds of characters"
            : undefined;
    if (problem) ctx.addIssue({ code: "custom", message: `the password ${problem}; the policy: ${passwordPolicy}` });
  })
  .describe(`text of ${passwordPolicy}`);
