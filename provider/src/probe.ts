import { connect } from "node:net";

export interface ProbeOptions {
  connectTimeoutMs: number;
  /** How long an accepted connection must stay open, when the service sends nothing first, to count. */
  graceMs: number;
}

/**
 * Does a service answer on host:port? A refused, reset or timed-out connection is "no". An accepted one is
 * "yes" once the service speaks (an SSH banner) or the connection survives the grace period: a port that
 * accepts then drops at once (a stopping VM, a simulator's stand-in for a closed port) is not up.
 */
export function probePort(host: string, port: number, options: ProbeOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let graceTimer: NodeJS.Timeout | undefined;
    const settle = (open: boolean) => {
      clearTimeout(graceTimer);
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(options.connectTimeoutMs, () => settle(false));
    socket.once("connect", () => {
      socket.setTimeout(0);
      graceTimer = setTimeout(() => settle(true), options.graceMs);
    });
    socket.once("data", () => settle(true));
    socket.once("error", () => settle(false));
    socket.once("close", () => settle(false));
  });
}
