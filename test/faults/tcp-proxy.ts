import net from 'node:net';

export interface TcpProxy {
  /** The loopback port to connect to instead of the target's. */
  port: number;
  /**
   * The network stops delivering, as a hung database does: connections are accepted and what
   * is sent is kept, but nothing reaches either side. Nothing is refused, so nobody is told.
   */
  hang(): void;
  /** Delivers everything kept, in order (a late COMMIT among it), and forwards again. */
  resume(): void;
  close(): Promise<void>;
}

interface Leg {
  socket: net.Socket | null;
  /** Bytes on their way to this socket, held while hung or not yet connected. */
  held: Buffer[];
  /** The other side ended; passed on once everything held before it is delivered. */
  ending: boolean;
}

/** A TCP proxy on loopback in front of `target` that can be switched to hang. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let hanging = false;
  const links = new Set<{ client: Leg; upstream: Leg }>();

  const flush = (leg: Leg) => {
    if (hanging || !leg.socket || leg.socket.destroyed) return;
    for (const chunk of leg.held.splice(0)) leg.socket.write(chunk);
    if (leg.ending) leg.socket.end();
  };

  const deliver = (leg: Leg, chunk: Buffer) => {
    leg.held.push(chunk);
    flush(leg);
  };

  const connectUpstream = (link: { client: Leg; upstream: Leg }) => {
    const upstream = net.connect(target.port, target.host);
    link.upstream.socket = upstream;
    upstream.on('data', (chunk) => deliver(link.client, chunk));
    upstream.on('end', () => {
      link.client.ending = true;
      flush(link.client);
    });
    upstream.on('error', () => link.client.socket?.destroy());
    upstream.on('close', () => links.delete(link));
    upstream.on('connect', () => flush(link.upstream));
  };

  const server = net.createServer((client) => {
    const link = {
      client: { socket: client, held: [], ending: false } as Leg,
      upstream: { socket: null, held: [], ending: false } as Leg,
    };
    links.add(link);
    client.on('data', (chunk) => deliver(link.upstream, chunk));
    client.on('end', () => {
      link.upstream.ending = true;
      flush(link.upstream);
    });
    client.on('error', () => {});
    if (!hanging) connectUpstream(link);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');

  return {
    port: address.port,
    hang() {
      hanging = true;
    },
    resume() {
      hanging = false;
      for (const link of links) {
        if (!link.upstream.socket) connectUpstream(link);
        flush(link.upstream);
        flush(link.client);
      }
    },
    async close() {
      for (const link of links) {
        link.client.socket?.destroy();
        link.upstream.socket?.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
