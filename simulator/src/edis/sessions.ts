import { randomBytes } from "node:crypto";

/** What get/auth hands out for one VPS and every per-VPS call must send back (docs/api/edis.md#auth-sessions). */
export interface IssuedSession {
  readonly kvmId: string;
  /** Opaque, 50 characters like the spec's examples (docs/api/edis.md#auth-sessions). */
  readonly signature: string;
  /** Unix seconds, an integer in the auth answer and a decimal string in the calls that follow. */
  readonly validUntil: number;
}

/**
 * Signatures issued so far. Each is bound to one kvm_id and one valid_until. Inferred: a new auth does not revoke
 * older signatures (the docs only say "create a new auth session when valid_until has passed", docs/api/edis.md#session-lifetime).
 */
export class SessionBook {
  private issued = new Map<string, IssuedSession>();

  constructor(
    private readonly now: () => number,
    private readonly lifetimeSeconds: number,
  ) {}

  issue(kvmId: string): IssuedSession {
    const session = {
      kvmId,
      // 25 random bytes as hex: 50 characters, unguessable, safe in a form body unencoded.
      signature: randomBytes(25).toString("hex"),
      validUntil: Math.floor(this.now() / 1000) + this.lifetimeSeconds,
    };
    this.issued.set(session.signature, session);
    return session;
  }

  /** Valid only for the VPS it was issued for, with its exact valid_until, until that second has passed. */
  isValid(signature: string, kvmId: string, validUntil: string): boolean {
    const session = this.issued.get(signature);
    if (!session || session.kvmId !== kvmId || String(session.validUntil) !== validUntil) return false;
    return this.now() <= session.validUntil * 1000;
  }

  /** Every signature issued so far becomes invalid, as if all had expired at once. */
  forget(): void {
    this.issued.clear();
  }
}
