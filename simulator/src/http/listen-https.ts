import * as https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Certificates } from "../certs";
import { listenLocal, type LocalListener } from "./listen-local";

export type HttpsListener = LocalListener;

export function listenHttps(certs: Certificates, port: number, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<HttpsListener> {
  const server = https.createServer({ key: certs.key, cert: certs.cert }, handler);
  return listenLocal(server, port, () => server.closeAllConnections());
}
