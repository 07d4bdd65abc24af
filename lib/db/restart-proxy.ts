// A TCP proxy in front of a database server, for tests of what a database restart does to
// Pipewatch without restarting the (shared) server: `restart()` cuts every connection and
// refuses new ones for a while, as a server going down and coming back does, then listens
// again on the same port.
import { connect, createServer, type Server, type Socket } from "node:net";

export type RestartProxy = {
  /** The database URL, pointing at the proxy. */
  url: string;
  /** Cuts every connection, refuses new ones for `downMs`, then accepts again. */
  restart: (downMs: number) => Promise<void>;
  /** How many connections were cut by restarts. */
  cut: () => number;
  close: () => Promise<void>;
};

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

/** Starts a proxy to the server of `databaseUrl`; its `url` is the same URL through the proxy. */
export async function startRestartProxy(databaseUrl: string): Promise<RestartProxy> {
  const target = new URL(databaseUrl);
  const pairs = new Set<[Socket, Socket]>();
  let cut = 0;
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const port = await listen(server, 0);
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  const stopListening = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Cut mid-query: the client sees its socket end, as when the server process exits.
      cut += pairs.size;
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
    });
  return {
    url: url.toString(),
    restart: async (downMs) => {
      await stopListening();
      await new Promise((r) => setTimeout(r, downMs));
      await listen(server, port);
    },
    cut: () => cut,
    close: stopListening,
  };
}
