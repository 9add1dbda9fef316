import * as net from "node:net";

/**
 * A host that accepts TCP connections and never answers the TLS ClientHello: a handshake that never completes, as
 * behind a firewall that lets the connection through and drops the rest, or a server that hung. With `forwardTo`
 * (a port on 127.0.0.1) it starts as a plain relay to that server, until `stall()`: then it drops the connections
 * it relayed and answers no new one, as a host that answered and then went dark.
 */
export async function stallingHost(forwardTo?: number) {
  let relaying = forwardTo !== undefined;
  const open = new Set<net.Socket>();
  const stalled: Buffer[][] = [];
  const keep = (socket: net.Socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server = net.createServer((socket) => {
    keep(socket);
    if (relaying) {
      const upstream = net.connect(forwardTo!, "127.0.0.1");
      keep(upstream);
      socket.pipe(upstream).pipe(socket);
      return;
    }
    const received: Buffer[] = [];
    stalled.push(received);
    socket.on("data", (chunk: Buffer) => received.push(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    /** Connections accepted and never answered. */
    stalled: () => stalled.length,
    /** The TLS record types the unanswered connections sent: 22 (handshake) unless request data went out (23). */
    recordTypes: () => stalled.flatMap((chunks) => recordTypes(Buffer.concat(chunks))),
    stall() {
      relaying = false;
      for (const socket of open) socket.destroy();
    },
    close(): Promise<void> {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function recordTypes(data: Buffer): number[] {
  const types: number[] = [];
  for (let at = 0; at + 5 <= data.length; at += 5 + data.readUInt16BE(at + 3)) types.push(data[at]);
  return types;
}
