import type * as net from "node:net";

export interface LocalListener {
  readonly port: number;
  /** Stops accepting and drops every open connection, hanging ones included. */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 only: the simulators accept any well-formed credential they issued and must not be
 * reachable from the network. `dropConnections` ends what is still open when closing.
 */
export function listenLocal(server: net.Server, port: number, dropConnections: () => void): Promise<LocalListener> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();
      if (address === null || typeof address === "string") return reject(new Error("simulator: no TCP address"));
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            dropConnections();
          }),
      });
    });
  });
}
