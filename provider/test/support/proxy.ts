import * as http from "node:http";
import * as https from "node:https";
import * as net from "node:net";

/** The password tests put in proxy URLs, to show it never reaches a message. */
export const PROXY_SECRET = "pr0xy-s3cret";

export interface ConnectProxy {
  /** "http://127.0.0.1:PORT" (https:// with `tls`), to which a test adds credentials as it needs. */
  readonly address: string;
  /** The target ("host:port") of each CONNECT received, tunnelled or not. */
  readonly tunnels: string[];
  /** What CONNECT requests carried as Proxy-Authorization, decoded. */
  readonly credentials: string[];
  /** With `tls`: the server name (SNI) each client asked the proxy for, `false` or null when it sent none. */
  readonly serverNames: (string | false | null)[];
  close(): Promise<void>;
}

export interface ConnectProxyOptions {
  /** Answer every CONNECT with this status instead of opening the tunnel (407: wants credentials). */
  refuseWith?: number;
  /** Where the proxy connects for a target host, as its own resolver would: `localhost.` and the like. */
  resolve?: Record<string, string>;
  /** Answer 200 to CONNECT, then close the connection instead of tunnelling (a proxy whose upstream is blocked). */
  closeAfterConnect?: boolean;
  /** Serve TLS with this key and certificate: an https:// proxy, its address then `https://127.0.0.1:PORT`. */
  tls?: { key: string; cert: string };
}

/**
 * A real HTTP proxy that only tunnels (CONNECT), as corporate proxies do for https: it sees the target host:port,
 * never the request inside. Its sockets are tracked so that closing it ends every tunnel.
 */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const credentials: string[] = [];
  const serverNames: (string | false | null)[] = [];
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };
  const refuse = (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(405).end();
  const server = options.tls ? https.createServer(options.tls, refuse) : http.createServer(refuse);
  server.on("connection", track);
  server.on("secureConnection", (socket: import("node:tls").TLSSocket) => serverNames.push(socket.servername));
  server.on("connect", (req: http.IncomingMessage, client: net.Socket) => {
    const target = req.url ?? "";
    tunnels.push(target);
    const authorization = req.headers["proxy-authorization"];
    if (authorization) credentials.push(Buffer.from(authorization.replace(/^Basic /, ""), "base64").toString());
    if (options.refuseWith) {
      client.end(`HTTP/1.1 ${options.refuseWith} ${http.STATUS_CODES[options.refuseWith]}\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    if (options.closeAfterConnect) {
      client.end("HTTP/1.1 200 Connection Established\r\n\r\n");
      return;
    }
    const [host, port] = [target.slice(0, target.lastIndexOf(":")), Number(target.slice(target.lastIndexOf(":") + 1))];
    const upstream = net.connect(port, options.resolve?.[host] ?? host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.pipe(client).pipe(upstream);
    });
    track(upstream);
    upstream.once("error", () => client.end("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"));
    client.once("error", () => upstream.destroy());
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    address: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    tunnels,
    credentials,
    serverNames,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
