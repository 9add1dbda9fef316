import { isWindowsImage } from "./catalogue";

export type ReinstallPhase = "old-os" | "stopped" | "installing" | "first-boot" | "final-reboot" | "up";

/** One stretch of a reinstall, from `from` × its duration after the set/reinstall call until the next phase. */
export interface PhaseSpec {
  readonly phase: ReinstallPhase;
  readonly from: number;
  /** Whether the stand-in SSH/RDP port accepts connections. */
  readonly portOpen: boolean;
  /** What get/power reports. */
  readonly poweredOn: boolean;
}

/**
 * Inferred timeline of one reinstall. EDIS documents only that SSH/RDP are closed during installation and that the
 * sample cloud-init config reboots when it ends (docs/api/edis.md#install-duration-and-ports); the rest is how a KVM reinstall typically goes.
 * - old-os: the acknowledgement comes before the VM stops, so a port that answered before the call still answers.
 *   This is the trap a readiness wait must not fall into.
 * - stopped: the VM is off while its disk is rewritten; the one moment get/power says "server powered off".
 * - installing: the installer runs with SSH/RDP closed.
 * - first-boot: the new OS is up and cloud-init runs; the port opens, then closes again for its final reboot.
 * - up: for good.
 */
export const REINSTALL_PHASES: readonly PhaseSpec[] = [
  { phase: "old-os", from: 0, portOpen: true, poweredOn: true },
  { phase: "stopped", from: 0.1, portOpen: false, poweredOn: false },
  { phase: "installing", from: 0.15, portOpen: false, poweredOn: true },
  { phase: "first-boot", from: 0.7, portOpen: true, poweredOn: true },
  { phase: "final-reboot", from: 0.85, portOpen: false, poweredOn: true },
  { phase: "up", from: 0.9, portOpen: true, poweredOn: true },
];

/** From this fraction of the duration on, the VPS runs the new image (the first boot of the new OS). */
export const NEW_OS_FROM = 0.7;

/** Windows installs take three times as long as Linux ones (docs/api/edis.md#install-duration-and-ports: ≈5 vs ≈15 minutes). */
export function reinstallDurationMs(image: string, linuxSeconds: number): number {
  return linuxSeconds * 1000 * (isWindowsImage(image) ? 3 : 1);
}

/** The phase at `elapsedMs` after the call; before the call (a reading taken a moment earlier) counts as its start. */
export function phaseAt(elapsedMs: number, durationMs: number): PhaseSpec {
  const fraction = durationMs <= 0 ? Infinity : Math.max(elapsedMs, 0) / durationMs;
  return REINSTALL_PHASES.filter((p) => fraction >= p.from).at(-1) ?? REINSTALL_PHASES[0];
}
