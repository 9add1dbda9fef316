/** A scripted misbehaviour of one route, for exercising a client's retry and error paths. */
export type Fault = {
  /** Route name as in the journal, e.g. "GET /dedicated/server/{serviceName}/task/{taskId}". */
  route: string;
  /** How many matching requests it affects; default 1. */
  times?: number;
  /** Let the first N matching requests through untouched; default 0. */
  skip?: number;
  /** "before": the handler does not run. "after": the handler runs (state changes, e.g. a task IS created), then the response is replaced. Default "before". */
  when?: "before" | "after";
} & (
  | {
      kind: "status";
      status: number;
      body?: unknown;
      text?: string;
      /** Headers of the answer, e.g. a 429's Retry-After. */
      headers?: Readonly<Record<string, string>>;
    }
  | { kind: "reset" }
  | { kind: "latency"; ms: number }
  | { kind: "hang" }
);

interface ArmedFault {
  readonly fault: Fault;
  skipLeft: number;
  timesLeft: number;
}

/** Injected faults, consumed as matching requests arrive. */
export class FaultBook {
  private armed: ArmedFault[] = [];

  inject(fault: Fault): void {
    this.armed.push({ fault, skipLeft: fault.skip ?? 0, timesLeft: fault.times ?? 1 });
  }

  /**
   * Picks the fault for one request to `route`, if any. Every matching fault counts the request against its
   * `skip`, so skips mean "the first N requests to this route" even when several faults target it.
   */
  claim(route: string): Fault | undefined {
    let claimed: ArmedFault | undefined;
    for (const a of this.armed) {
      if (a.fault.route !== route) continue;
      if (a.skipLeft > 0) a.skipLeft--;
      else if (!claimed) claimed = a;
    }
    if (claimed) claimed.timesLeft--;
    this.armed = this.armed.filter((a) => a.timesLeft > 0);
    return claimed?.fault;
  }

  clear(): void {
    this.armed = [];
  }
}
