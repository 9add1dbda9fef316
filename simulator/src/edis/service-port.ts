import * as net from "node:net";
import { listenLocal, type LocalListener } from "../http/listen-local";

/** How the stand-in port treats a connection arriving now. */
export type PortAnswer = { readonly open: false } | { readonly open: true; readonly banner?: string };

export type ServicePort = LocalListener;

/**
 * A real TCP listener on 127.0.0.1 standing in for a VPS's SSH (or RDP) port. It stays bound for the simulator's
 * life and decides per connection, from `answer()` at that moment, whether the service is "up": no timers, so a
 * virtual clock may jump. A closed port on a real host refuses the connection; a bound listener cannot refuse, so
 * the closest it can do is reset the connection right after accepting it. Clients see ECONNRESET before any byte,
 * which a readiness probe must treat like a refusal.
 */
export function listenServicePort(answer: () => PortAnswer, port = 0): Promise<ServicePort> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    // A client vanishing mid-connection is normal for a port scanner's target.
    socket.on("error", () => undefined);
    const now = answer();
    if (!now.open) return void socket.resetAndDestroy();
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // Open until the client closes: a probe decides for itself how long to wait for the banner.
    if (now.banner !== undefined) socket.write(now.banner);
  });
  return listenLocal(server, port, () => {
    for (const s of sockets) s.destroy();
  });
}
