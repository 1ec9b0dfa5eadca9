import { createServer, connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/** A TCP proxy between the app and Postgres that the test cuts and restores, like a network partition:
 * cut() resets every open connection and from then on accepts new ones but never answers them (a client
 * waits until its own connect timeout); restore() lets new connections through again. */
export type TcpProxy = {
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let up = true;
  const pairs = new Set<[Socket, Socket]>();
  const blackholed = new Set<Socket>();
  const server = createServer((client) => {
    client.on("error", () => {});
    if (!up) {
      blackholed.add(client);
      client.once("close", () => blackholed.delete(client));
      return;
    }
    const upstream = connect(target.port, target.host);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const done = () => pairs.delete(pair);
    client.once("close", () => {
      upstream.destroy();
      done();
    });
    upstream.once("close", () => {
      client.destroy();
      done();
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    cut() {
      up = false;
      for (const [client, upstream] of pairs) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    restore() {
      up = true;
      for (const socket of blackholed) socket.destroy();
      blackholed.clear();
    },
    close: () =>
      new Promise((resolve) => {
        for (const [client, upstream] of pairs) {
          client.destroy();
          upstream.destroy();
        }
        for (const socket of blackholed) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
