import type { Props } from "./host";

/** What a failing create/update threw, with the dynamic provider's init-failure fields if present. */
export async function failureOf(promise: Promise<unknown>): Promise<Error & { code?: string; id?: string; properties?: Props }> {
  try {
    await promise;
  } catch (e) {
    return e as Error & { code?: string; id?: string; properties?: Props };
  }
  throw new Error("expected a failure");
}
