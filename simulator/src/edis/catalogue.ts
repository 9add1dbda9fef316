/** The account login `get/auth` accepts: the client-area (WHMCS) email and password (docs/api/edis.md#auth-sessions). */
export interface EdisCredentials {
  readonly email: string;
  readonly password: string;
}

/**
 * Fixed, so exports pasted from one `reinstall-sim` run keep working after a restart. The password holds `+`, `&`
 * and `=`, the characters EDIS warns must be URL-encoded in `pw` (docs/api/edis.md#form-encoding): a client that forgets fails here.
 */
export const EDIS_CREDENTIALS: EdisCredentials = {
  email: "sim@edis.example",
  password: "simEdisPw+&=0001",
};

/** The autoinstall images of the Aug-2026 spec, in its order (docs/api/edis.md#images). */
export const EDIS_IMAGES: readonly string[] = [
  "cloudinit_almalinux-8",
  "cloudinit_almalinux-9",
  "cloudinit_arch-linux_20231115",
  "cloudinit_arch-linux_20250815",
  "cloudinit_centos-7",
  "cloudinit_centos-stream-10",
  "cloudinit_centos-stream-8",
  "cloudinit_centos-stream-9",
  "cloudinit_debian-bookworm",
  "cloudinit_debian-trixie",
  "cloudinit_rocky-10",
  "cloudinit_rocky-9",
  "cloudinit_ubuntu-lts-16-04",
  "cloudinit_ubuntu-lts-18-04",
  "cloudinit_ubuntu-lts-20-04",
  "cloudinit_ubuntu-lts-22-04",
  "cloudinit_ubuntu-lts-24-04",
  "debian-bullseye",
  "windows-10",
  "windows-11",
  "windows-server-2019",
  "windows-server-2022",
  "windows-server-2025",
];

/**
 * Windows images take three times as long and listen for RDP instead of SSH
 * (docs/api/edis.md#install-duration-and-ports: ≈5 min Linux, ≈15 min Windows).
 */
export function isWindowsImage(image: string): boolean {
  return image.startsWith("windows-");
}

/** A VPS of the simulated account, as it is before any reinstall. */
export interface VpsSpec {
  /** "kvm_<client>_<vps>", the shape of the spec's examples (docs/api/edis.md#auth-sessions). */
  readonly kvmId: string;
  /** What the client area calls the VPS; `get/auth` returns it as `description`. */
  readonly description: string;
  readonly image: string;
}

export const EDIS_VPSES: readonly VpsSpec[] = [
  { kvmId: "kvm_123456_789012", description: "edge-1", image: "cloudinit_debian-bookworm" },
  { kvmId: "kvm_123456_789013", description: "edge-2", image: "cloudinit_ubuntu-lts-24-04" },
  { kvmId: "kvm_123456_789014", description: "win-1", image: "windows-server-2022" },
];

/**
 * Every VPS "is" 127.0.0.1, where its stand-in SSH/RDP listener runs, so `primary_ip` and `details.ip` point a
 * readiness probe at something real. The hardware figures are inferred: the spec shows only the field names (docs/api/edis.md#routes).
 */
export const VPS_IP = "127.0.0.1";
export const VPS_HARDWARE = { ram: "2048", disk: "40", cpu_set_cores: "2", drive_boost: false } as const;

/** What OpenSSH on Debian 12 sends first; Linux stand-ins send it on every accepted connection. */
export const SSH_BANNER = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n";
