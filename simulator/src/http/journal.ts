/** One request as the simulator saw it. Tests assert on these instead of on timing. */
export interface JournalEntry {
  /** When the request arrived, in ms on the simulator's (possibly virtual) clock. */
  readonly at: number;
  readonly method: string;
  /** The matched route, e.g. "GET /dedicated/server/{serviceName}/task/{taskId}" or "POST /kvm/v2/set/reinstall", or "UNKNOWN <METHOD> <path>". */
  readonly route: string;
  /** The path as sent, without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /**
   * The request body, absent when empty. Lets tests assert on what a client sent. OVH: parsed when it is JSON, the
   * raw text otherwise. EDIS: the fields of a form-encoded body as an object.
   */
  readonly body?: unknown;
  /** The status sent back; 0 while unanswered, and forever for requests a fault reset or left hanging. */
  readonly status: number;
  /** Who called: OVH's application key or OAuth2 client id, EDIS's login email (auth) or kvm_id (per-VPS calls), or "anonymous". */
  readonly credential: string;
}

export interface JournalFilter {
  readonly route?: string;
  readonly method?: string;
  readonly credential?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class Journal {
  private readonly list: Mutable<JournalEntry>[] = [];

  get entries(): readonly JournalEntry[] {
    return this.list;
  }

  /** Records a request on arrival, so entries stay in arrival order; the returned function fills in the status once known. */
  open(entry: Omit<JournalEntry, "status">): (status: number) => void {
    const recorded: Mutable<JournalEntry> = { ...entry, status: 0 };
    this.list.push(recorded);
    return (status) => {
      recorded.status = status;
    };
  }

  count(filter: JournalFilter = {}): number {
    return this.list.filter(
      (e) =>
        (filter.route === undefined || e.route === filter.route) &&
        (filter.method === undefined || e.method === filter.method) &&
        (filter.credential === undefined || e.credential === filter.credential),
    ).length;
  }

  clear(): void {
    this.list.length = 0;
  }
}
