import type { Clock } from "../../clock";
import { ReinstallError } from "../../errors";
import { probePort } from "../../probe";
import { formatElapsed, type ProgressSink } from "../../progress";
import { pause } from "../../stop";
import type { EdisApi } from "../api";

/** How the readiness wait paces itself, as data. A Linux reinstall takes ~5 minutes, Windows ~15 (docs/api/edis.md#install-duration-and-ports). */
export const readinessSchedule = {
  firstCheckMs: 5_000,
  /**
   * Until the old system is seen going down. A port that answers then costs a get/power read (an API request, out of
   * the credential's budget) to tell a stopping VM from the old system, so this stays sparse.
   */
  downCheckEveryMs: 10_000,
  /**
   * Once it went down, only TCP probes are made, which cost no API request: dense, so "ready" follows the new system
   * within seconds. A reboot keeps the port closed far longer than this (firmware, kernel, then the service), so none
   * slips between two probes.
   */
  probeEveryMs: 1_000,
  /**
   * How long the port must have answered every probe since it was last closed: three answers in a row at
   * `probeEveryMs`. It filters a service that opens and drops while the system is still starting; the image's reboot
   * itself is caught by the settle rule below, not by this. Only a port this steady counts as the first boot: the
   * 1-s probes also catch a port that answers a moment while the installer runs.
   */
  steadyForMs: 2_000,
  /**
   * How long the port must stay closed after first boot to count as the image's reboot. A reboot takes far longer
   * (services stop, firmware, kernel, then the service); a service restarted during first boot (cloud-init
   * restarting sshd) drops for a second, which the 1-s probes now catch and must not take for the reboot.
   */
  rebootClosedForMs: 5_000,
  /**
   * Images reboot after first boot (cloud-init's final reboot; Windows setup, more than once); a first
   * boot's port proves little. If no reboot is seen, this much uninterrupted uptime will do.
   */
  settleWithoutRebootMs: 180_000,
  /**
   * A reinstall opens the port again within its run (the new OS's first boot, within ~5 minutes for Linux, ~15 for
   * Windows: docs/api/edis.md#install-duration-and-ports). A VPS found down whose port stays closed longer is not reinstalling.
   */
  underWayWithinMs: { linux: 8 * 60_000, windows: 20 * 60_000 },
  /** A reinstall sent longer ago than this has taken the old system down (inferred: docs/api/edis.md#install-duration-and-ports). */
  downWithinMs: 120_000,
  probe: { connectTimeoutMs: 3_000, graceMs: 500 },
};

export interface WaitForReady {
  api: EdisApi;
  clock: Clock;
  resource: string;
  urn?: string;
  kvmId: string;
  host: string;
  port: number;
  /** When the reinstall was accepted, epoch ms. */
  reinstalledAt: number;
  /** Set when resuming a wait that already saw the old system go down. */
  downSeenAt?: number;
  /** Epoch ms: past it the wait gives up; the reinstall goes on. */
  deadline: number;
  progress: ProgressSink;
  timeScale?: number;
  /** Sees the moment the old system went down, so a failed wait can record it for the next `up`. */
  observeDown?: (at: number) => void;
  /**
   * Epoch ms: if the port has not answered once by then, stop and return undefined. For a VPS found down,
   * which may be reinstalling (its port opens within the install) or may just be down (it never does).
   */
  giveUpUnlessUpBy?: number;
  /**
   * Epoch ms: if the old system has not been seen going down by then, stop and return undefined. For a reinstall
   * whose call may never have reached EDIS: one that did takes the old system down within minutes.
   */
  giveUpUnlessDownBy?: number;
  /** Sees the reboot after first boot that a freshly installed system makes. */
  observeReboot?: () => void;
  /** Aborted when the provider is told to stop: the wait then ends at once (INTERRUPTED). */
  signal: AbortSignal;
}

/**
 * EDIS has no task to poll (docs/api/edis.md#no-task-no-trace), so readiness is observed. A port that answered before the
 * reinstall proves nothing — the old OS may still run — so first the VPS must be seen going down (its port
 * closed, or its power off); then its port must answer steadily for `steadyForMs`, after the image's
 * final reboot (or a long settle without one).
 */
export async function waitForReady(w: WaitForReady): Promise<{ downSeenAt: number; readyAt: number; rebootSeen: boolean } | undefined> {
  const s = readinessSchedule;
  let downSeenAt = w.downSeenAt;
  let firstUpAt: number | undefined;
  /** When the port began to answer steadily (`steadyForMs`) for the first time: the new system's first boot. */
  let bootedAt: number | undefined;
  let rebootSeen = false;
  let streak = 0;
  let streakFrom = 0;
  let closedFrom = 0;
  let lastMessage: string | undefined;
  const report = (message: string) => {
    if (message === lastMessage) return;
    lastMessage = message;
    const elapsedSeconds = (w.clock.now() - w.reinstalledAt) / 1000;
    w.progress({ resource: w.resource, urn: w.urn, message: `${w.kvmId}: ${message}, ${formatElapsed(elapsedSeconds)}`, elapsedSeconds });
  };
  const probe = () => {
    const answer = probePort(w.host, w.port, s.probe);
    return w.clock.track ? w.clock.track(answer) : answer;
  };

  const scaled = (ms: number) => ms * (w.timeScale ?? 1);
  for (let first = true; ; first = false) {
    const interval = downSeenAt !== undefined ? s.probeEveryMs : first ? s.firstCheckMs : s.downCheckEveryMs;
    const remaining = w.deadline - w.clock.now();
    if (remaining <= 0) throw timedOut(w, downSeenAt, streak);
    await pause(w.clock, Math.min(remaining, scaled(interval)), w.signal, `waiting for ${w.kvmId} to come up`);
    const open = await probe();
    const now = w.clock.now();
    if (!open && firstUpAt === undefined && w.giveUpUnlessUpBy !== undefined && now >= w.giveUpUnlessUpBy) return undefined;

    if (downSeenAt === undefined) {
      if (open) {
        const power = await w.api.power(w.kvmId, { deadline: w.deadline });
        if (power !== "off") {
          if (w.giveUpUnlessDownBy !== undefined && now >= w.giveUpUnlessDownBy) return undefined;
          report(`waiting for the old system to go down (port ${w.port} still answers, power ${power})`);
          continue;
        }
      }
      downSeenAt = now;
      w.observeDown?.(now);
      report(open ? "powered off: reinstalling" : `port ${w.port} closed: reinstalling`);
    } else if (open) {
      firstUpAt ??= now;
      if (streak === 0) streakFrom = now;
      streak += 1;
      const steady = now - streakFrom >= scaled(s.steadyForMs);
      if (steady) bootedAt ??= streakFrom;
      const settled = rebootSeen || (bootedAt !== undefined && now - bootedAt >= scaled(s.settleWithoutRebootMs));
      if (steady && settled) {
        report(`ready: port ${w.port} answered ${streak} times in a row`);
        return { downSeenAt, readyAt: now, rebootSeen };
      }
      report(`port ${w.port} answers (${rebootSeen ? `${streak} in a row` : "first boot"})`);
    } else {
      if (streak > 0) closedFrom = now;
      streak = 0;
      if (bootedAt !== undefined && !rebootSeen && now - closedFrom >= scaled(s.rebootClosedForMs)) {
        rebootSeen = true;
        w.observeReboot?.();
      }
      report(
        rebootSeen
          ? `rebooting after first boot (port ${w.port} closed)`
          : bootedAt !== undefined
            ? `port ${w.port} closed after first boot`
            : `installing (port ${w.port} closed)`,
      );
    }
  }
}

function timedOut(w: WaitForReady, downSeenAt: number | undefined, streak: number): ReinstallError {
  const where =
    downSeenAt === undefined
      ? `the old system never went down (port ${w.port} kept answering)`
      : streak > 0
        ? `port ${w.port} answers but not yet steadily`
        : `port ${w.port} has not answered since the reinstall began`;
  return new ReinstallError(
    "WAIT_TIMEOUT",
    `${w.kvmId} is not ready after ${formatElapsed((w.clock.now() - w.reinstalledAt) / 1000)}: ${where}; the reinstall goes on at EDIS`,
    {
      call: `TCP ${w.host}:${w.port}`,
      next:
        downSeenAt === undefined
          ? "check the VPS console (screenshot in the VPS Management Portal): if it shows the new system, the reinstall ended while nobody watched: set waitForReady: false for one run to record it; if it shows the old one, nothing happened: change `triggers` to reinstall"
          : "run `pulumi up` again to resume waiting (no second reinstall is started), or raise timeoutMinutes; if a firewall in your cloud-init closes the port, set readinessPort or waitForReady: false",
    },
  );
}
