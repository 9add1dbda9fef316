import type { Fault } from "./faults";
import type { JournalEntry, JournalFilter } from "./journal";

/** What a test does with either running simulator: read its journal, inject faults, stop it. */
export interface Simulator<Credentials> {
  readonly credentials: Credentials;
  readonly journal: readonly JournalEntry[];
  /** Requests seen, optionally only those of one route (as the journal names it: "POST /kvm/v2/set/reinstall"), method or credential. */
  count(filter?: JournalFilter): number;
  inject(fault: Fault): void;
  /** Disarms every injected fault not yet consumed: an outage ends, whatever it was scripted to last. */
  clearFaults(): void;
  close(): Promise<void>;
}
