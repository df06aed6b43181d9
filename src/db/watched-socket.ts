import net from 'node:net';

/** What postgres.js hands its `socket` option: every host and port of the URL, or a unix path. */
interface SocketTarget {
  host: string[];
  port: number[];
  path?: string | false;
}

/**
 * Connects to Postgres and gives up on the connection when the server, having been asked
 * something, is silent for longer than `silenceMs`. The server ends a statement itself at
 * statement_timeout and says so; silence beyond that means the connection hangs, and no reply
 * will come through it. Left alone, its queries would wait for TCP to give up (many minutes) and
 * the pool would fill with dead connections; destroyed, they fail now and the pool reconnects.
 */
export function watchedSocket(silenceMs: number) {
  return ({ host, port, path }: SocketTarget): net.Socket => {
    const socket = path ? net.connect(path) : net.connect(port[0] ?? 5432, host[0] ?? 'localhost');
    let lastWrite = 0;
    let lastData = 0;
    let timer: NodeJS.Timeout | null = null;

    const watch = () => {
      timer = null;
      if (socket.destroyed || lastData >= lastWrite) return;
      const silent = performance.now() - Math.max(lastWrite, lastData);
      if (silent >= silenceMs) {
        socket.destroy(new Error(`the database did not answer for ${Math.round(silent)} ms`));
        return;
      }
      timer = setTimeout(watch, silenceMs - silent);
    };

    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    socket.write = ((...args: unknown[]) => {
      lastWrite = performance.now();
      timer ??= setTimeout(watch, silenceMs);
      return write(...args);
    }) as typeof socket.write;
    socket.on('data', () => {
      lastData = performance.now();
    });
    socket.on('close', () => {
      if (timer) clearTimeout(timer);
    });
    return socket;
  };
}
