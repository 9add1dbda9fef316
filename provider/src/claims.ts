import type { CheckFailure } from "./check-failures";

/**
 * Which resource declares each machine, in this provider process (one `pulumi up`). Two resources that each
 * reinstall one machine contradict each other, and would erase it twice: the second fails at preview instead.
 */
export class Claims {
  private readonly owners = new Map<string, string>();

  constructor(private readonly noun: string) {}

  /** A failure on `property` when another resource already declared `machine`; none when `urn` is unknown. */
  claim(property: string, machine: string | undefined, urn: string | undefined): CheckFailure[] {
    if (machine === undefined || urn === undefined) return [];
    const owner = this.owners.get(machine) ?? urn;
    this.owners.set(machine, owner);
    if (owner === urn) return [];
    return [{ property, reason: `${machine} is already declared by ${owner}: one machine can have only one ${this.noun}, or it would be erased twice` }];
  }
}
