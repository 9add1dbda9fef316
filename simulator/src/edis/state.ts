import { EDIS_VPSES, type VpsSpec } from "./catalogue";
import { NEW_OS_FROM, phaseAt, reinstallDurationMs } from "./timeline";

/** What a reinstall puts on the disk. */
export interface InstalledOs {
  readonly image: string;
  /** The root (Administrator) password; null for the catalogue's OS, which the simulator did not install. */
  readonly password: string | null;
  /** As sent, even for images without the `cloudinit_` prefix, which presumably ignore it (docs/api/edis.md#images). */
  readonly cloudInitUserData: string | null;
}

/** A VPS as it is right now, for test assertions. */
export interface LiveVps {
  readonly kvmId: string;
  /** What runs now: the catalogue's image until a reinstall reaches its first boot (REINSTALL_PHASES "first-boot"). */
  readonly image: string;
  /** Of the OS that runs now, like `image`. */
  readonly password: string | null;
  readonly cloudInitUserData: string | null;
  /** How many set/reinstall calls were accepted. */
  readonly reinstalls: number;
  /** The TCP port standing in for SSH (RDP on Windows) on 127.0.0.1. */
  readonly port: number;
  readonly powerState: "on" | "off";
  /** Whether a connection to `port` made now would be accepted. */
  readonly portOpen: boolean;
}

/** The machine at one moment, derived from the clock on every read: no timers, so a virtual clock may jump. */
export interface MachineView {
  readonly os: InstalledOs;
  readonly poweredOn: boolean;
  readonly portOpen: boolean;
}

interface Reinstall {
  readonly startedAt: number;
  readonly durationMs: number;
  readonly os: InstalledOs;
}

interface VpsRecord {
  readonly spec: VpsSpec;
  /** What runs when no reinstall is under way, or before the current one reaches its first boot. */
  installed: InstalledOs;
  current: Reinstall | null;
  reinstalls: number;
  suspended: boolean;
}

export class EdisState {
  private records = new Map<string, VpsRecord>();

  constructor(
    readonly now: () => number,
    private readonly linuxReinstallSeconds: number,
  ) {
    this.reset();
  }

  reset(): void {
    this.records = new Map(
      EDIS_VPSES.map((spec) => [
        spec.kvmId,
        { spec, installed: { image: spec.image, password: null, cloudInitUserData: null }, current: null, reinstalls: 0, suspended: false },
      ]),
    );
  }

  specs(): VpsSpec[] {
    return [...this.records.values()].map((r) => r.spec);
  }

  spec(kvmId: string): VpsSpec | undefined {
    return this.records.get(kvmId)?.spec;
  }

  isSuspended(kvmId: string): boolean {
    return this.require(kvmId).suspended;
  }

  suspend(kvmId: string): void {
    this.require(kvmId).suspended = true;
  }

  /**
   * Starts a reinstall now. Inferred: one called while another runs starts over from the top, and whatever the
   * interrupted one had already put in place (its new OS, if it reached first boot) is what runs meanwhile.
   */
  startReinstall(kvmId: string, os: InstalledOs): void {
    const record = this.require(kvmId);
    record.installed = this.machine(kvmId).os;
    record.current = { startedAt: this.now(), durationMs: reinstallDurationMs(os.image, this.linuxReinstallSeconds), os };
    record.reinstalls++;
  }

  machine(kvmId: string): MachineView {
    const record = this.require(kvmId);
    const r = record.current;
    if (!r) return { os: record.installed, poweredOn: true, portOpen: true };
    const elapsed = this.now() - r.startedAt;
    const phase = phaseAt(elapsed, r.durationMs);
    const newOs = elapsed >= NEW_OS_FROM * r.durationMs;
    return { os: newOs ? r.os : record.installed, poweredOn: phase.poweredOn, portOpen: phase.portOpen };
  }

  live(kvmId: string, port: number): LiveVps {
    const record = this.require(kvmId);
    const m = this.machine(kvmId);
    return {
      kvmId,
      image: m.os.image,
      password: m.os.password,
      cloudInitUserData: m.os.cloudInitUserData,
      reinstalls: record.reinstalls,
      port,
      powerState: m.poweredOn ? "on" : "off",
      portOpen: m.portOpen,
    };
  }

  private require(kvmId: string): VpsRecord {
    const record = this.records.get(kvmId);
    if (!record) throw new Error(`simulator: no VPS with kvm_id ${kvmId}`);
    return record;
  }
}
