import { createRuntime, kvmReinstallProvider, VirtualClock } from "pulumi-reinstall-provider";
import { EDIS_ROUTES, REINSTALL_PHASES, reinstallDurationMs, startEdisSimulator } from "pulumi-reinstall-simulator";
import { journalDir, SERIALIZED } from "./bench-world";

const IMAGE = "cloudinit_debian-bookworm";

/** From this fraction of a reinstall's duration, the simulated VPS's port answers for good (after cloud-init's final reboot). */
const UP_FOR_GOOD = REINSTALL_PHASES.find((p) => p.phase === "up")!.from;

export interface EdisReinstall {
  /** Seconds from the new system answering for good to create() returning. */
  readyDelay: number;
  /** API requests of the whole `pulumi up` (check and create). */
  requests: number;
}

/**
 * One KvmReinstall up (check, create with waiting) on a Linux VPS whose reinstall takes `reinstallSeconds`. Linux
 * only: the simulated RDP port sends no banner, so each probe of a Windows VPS holds for the probe's real grace.
 */
export async function edisReinstall(reinstallSeconds: number): Promise<EdisReinstall> {
  const clock = new VirtualClock();
  const sim = await startEdisSimulator({ reinstallSeconds, now: () => clock.now() });
  try {
    const env = {
      EDIS_SESSION_URL: sim.sessionUrl,
      EDIS_EMAIL: sim.credentials.email,
      EDIS_PASSWORD: sim.credentials.password,
      PULUMI_REINSTALL_JOURNAL_DIR: journalDir(),
    };
    const provider = kvmReinstallProvider(createRuntime({ clock, env, progress: () => {}, warn: () => {} }));
    const { kvmId, port } = sim.vpsList[0];
    const checked = await provider.check({}, { kvmId, image: IMAGE, password: "Bench+Root=Pass9!", readinessPort: port, __provider: SERIALIZED });
    await provider.create({ ...checked.inputs, __provider: SERIALIZED });
    const returnedAt = clock.now();
    const sent = sim.journal.filter((e) => e.route === EDIS_ROUTES.reinstall);
    if (sent.length !== 1) throw new Error(`bench: one KvmReinstall sent ${sent.length} set/reinstall calls`);
    const upAt = sent[0].at + UP_FOR_GOOD * reinstallDurationMs(IMAGE, reinstallSeconds);
    return { readyDelay: (returnedAt - upAt) / 1000, requests: sim.journal.length };
  } finally {
    await sim.close();
  }
}
