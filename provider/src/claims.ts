import type { CheckFailure } from "./check-failures";
import { warningText } from "./warning-text";

/**
 * Which resource declares each machine, in this provider process (one `pulumi up`). Two resources that each
 * reinstall one machine contradict each other, and would erase it twice. A new one that clashes fails at preview;
 * one already in state (which 0.1.0 let in) is warned about instead, so an upgrade never stops a stack by itself.
 */
export class Claims {
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly noun: string,
    private readonly warn: (message: string, urn?: string) => void,
  ) {}

  /** For `check`: `existing` when the engine passed old inputs, i.e. the resource is already in state. */
  claim(property: string, machine: string | undefined, urn: string | undefined, existing: boolean): CheckFailure[] {
    if (machine === undefined || urn === undefined) return [];
    const owner = this.owners.get(machine) ?? urn;
    this.owners.set(machine, owner);
    if (owner === urn) return [];
    const reason = `${machine} is already declared by ${owner}: one machine can have only one ${this.noun}, or it would be erased twice`;
    if (!existing) return [{ property, reason }];
    this.warn(warningText(`${this.noun} ${machine}`, `${reason}; remove one of them (deleting a ${this.noun} leaves the machine as it is)`), urn);
    return [];
  }
}
