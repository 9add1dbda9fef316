import * as https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Certificates } from "../certs";

export interface HttpsListener {
  readonly port: number;
  /** Stops accepting and drops every open connection, hanging requests included. */
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 only: the simulator accepts any well-formed credential it issued and must not be reachable from the network. */
export function listenHttps(
  certs: Certificates,
  port: number,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<HttpsListener> {
  const server = https.createServer({ key: certs.key, cert: certs.cert }, handler);
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
            server.closeAllConnections();
          }),
      });
    });
  });
}
