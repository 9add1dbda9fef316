import { ovhDateTime } from "./dates";
import type { TaskStatus } from "./tasks";

/** `dedicated.server.Netboot`, one boot of a server (docs/api/ovh.md#boots-and-reboot). */
export interface BootOption {
  readonly bootId: number;
  readonly bootType: "harddisk" | "internal" | "network" | "power" | "rescue";
  readonly kernel: string;
  readonly description: string;
}

/** Every simulated server's boots. Inferred ids and kernels, as client test fixtures show them (docs/api/ovh.md#boots-and-reboot). */
export const BOOT_OPTIONS: readonly BootOption[] = [
  { bootId: 1, bootType: "harddisk", kernel: "hd", description: "Boot to disk" },
  { bootId: 1122, bootType: "rescue", kernel: "rescue64-pro", description: "Rescue 64 bits" },
  { bootId: 230242, bootType: "rescue", kernel: "rescue12-customer", description: "Customer rescue system (Debian-12-based)" },
];

const HARDDISK_BOOT = 1;

/** A `hardReboot` task: POST …/reboot creates one; it runs for `durationMs`, then is done (or fails with `failure`). */
export interface RebootRecord {
  readonly taskId: number;
  readonly serviceName: string;
  readonly function: "hardReboot";
  readonly startedAt: number;
  readonly durationMs: number;
  /** The boot the server had when the reboot began: the one it comes up on. */
  readonly bootId: number;
  readonly failure: string | null;
}

/** Inferred: OVH's comment on a reboot task is not documented. */
const REBOOT_COMMENT = "Hard reboot";

/** Each server's boot and its reboot tasks. Status is derived from the clock on read, like install tasks. */
export class BootState {
  private bootIds = new Map<string, number>();
  private reboots: RebootRecord[] = [];
  private failures = new Map<string, string>();

  constructor(
    private readonly now: () => number,
    private readonly takeTaskId: () => number,
    private readonly rebootMs: number,
  ) {}

  reset(): void {
    this.bootIds.clear();
    this.reboots = [];
    this.failures.clear();
  }

  bootId(serviceName: string): number {
    return this.bootIds.get(serviceName) ?? HARDDISK_BOOT;
  }

  setBootId(serviceName: string, bootId: number): void {
    this.bootIds.set(serviceName, bootId);
  }

  failNextReboot(serviceName: string, comment: string): void {
    this.failures.set(serviceName, comment);
  }

  startReboot(serviceName: string): RebootRecord {
    const reboot: RebootRecord = {
      taskId: this.takeTaskId(),
      serviceName,
      function: "hardReboot",
      startedAt: this.now(),
      durationMs: this.rebootMs,
      bootId: this.bootId(serviceName),
      failure: this.failures.get(serviceName) ?? null,
    };
    this.failures.delete(serviceName);
    this.reboots.push(reboot);
    return reboot;
  }

  rebootsOf(serviceName: string): RebootRecord[] {
    return this.reboots.filter((r) => r.serviceName === serviceName);
  }
}

/** The reboot as GET …/task/{taskId} shows it at `now` (`dedicated.server.Task`, docs/api/ovh.md#task-object). */
export function rebootResource(reboot: RebootRecord, at: number) {
  const now = Math.max(at, reboot.startedAt);
  const doingAt = reboot.startedAt + 0.05 * reboot.durationMs;
  const endAt = reboot.startedAt + reboot.durationMs;
  const status: TaskStatus = now < doingAt ? "todo" : now < endAt ? "doing" : reboot.failure ? "ovhError" : "done";
  return {
    taskId: reboot.taskId,
    function: reboot.function,
    status,
    comment: status === "ovhError" ? reboot.failure : REBOOT_COMMENT,
    startDate: ovhDateTime(reboot.startedAt),
    doneDate: now >= endAt ? ovhDateTime(endAt) : null,
    lastUpdate: ovhDateTime(now >= endAt ? endAt : now >= doingAt ? doingAt : reboot.startedAt),
    needSchedule: false,
    note: null,
    plannedInterventionId: null,
    tags: null,
    ticketReference: null,
  };
}
