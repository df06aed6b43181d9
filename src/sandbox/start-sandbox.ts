import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@slack/bolt';
import type { Config } from '../config.ts';
import { createLogger } from '../logger.ts';
import type { DatabaseSource } from './database-source.ts';
import type { FakeSlackChange } from './fake-slack/index.ts';
import { ResetRefusedError, type Sandbox, type SandboxEvents } from './sandbox.ts';
import { openSandboxWorld } from './sandbox-world.ts';
import { createSandboxServer } from './web/server.ts';

export interface SandboxOptions {
  config: Config;
  source: DatabaseSource;
  logger?: Logger;
  /** Wipe the database before starting (`npm start -- --reset`). */
  reset?: boolean;
  /** The page's port; defaults to config.PORT (0 picks a free one). */
  port?: number;
  /** Loopback by default: the page acts as any person, so it is not for the network. */
  host?: string;
}

export interface RunningSandbox extends Sandbox {
  /** The page: `http://localhost:PORT/`. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * The local sandbox: the real bot on the fake Slack, and a page that plays the Slack client.
 * A reset replaces the whole world (fake workspace, bot, database); the page's server stays up
 * and tells the page over its event stream.
 */
export async function startSandbox(opts: SandboxOptions): Promise<RunningSandbox> {
  const logger = opts.logger ?? createLogger(opts.config.LOG_LEVEL);
  const events = new EventEmitter<SandboxEvents>();
  const forward = (change: FakeSlackChange) => {
    // Every Web API call is a change too; the page only cares about what people can see.
    if (change.kind !== 'call') events.emit('change', change);
  };
  const open = async () => {
    const world = await openSandboxWorld({ config: opts.config, source: opts.source, logger });
    world.slack.on('change', forward);
    return world;
  };

  // Started before the page listens, so a request that comes early waits for the world.
  let current = (async () => {
    if (opts.reset) await wipe(opts.source);
    return open();
  })();
  // Settled here so a failed listen can close it without an unhandled rejection.
  current.catch(() => {});

  const sandbox: Sandbox = {
    events,
    world: () => current,
    async reset() {
      // Refused before anything stops, so a refused reset leaves the sandbox running.
      if (!opts.source.wipe) throw refusal(opts.source);
      const previous = current;
      const next = (async () => {
        const world = await previous;
        world.slack.off('change', forward);
        await world.close();
        await wipe(opts.source);
        return open();
      })();
      current = next;
      await next;
      events.emit('reset');
    },
  };

  const server = createSandboxServer(sandbox);
  const host = opts.host ?? '127.0.0.1';
  const port = await listen(server, opts.port ?? opts.config.PORT, host).catch(async (error: unknown) => {
    await current.then((world) => world.close()).catch(() => {});
    throw portError(error, opts.port ?? opts.config.PORT);
  });
  await current.catch(async (error: unknown) => {
    await closeServer(server);
    throw error;
  });
  let stopped: Promise<void> | null = null;
  return {
    ...sandbox,
    url: `http://localhost:${port}/`,
    port,
    stop() {
      stopped ??= (async () => {
        await closeServer(server);
        await (await current).close();
      })();
      return stopped;
    },
  };
}

async function wipe(source: DatabaseSource): Promise<void> {
  if (!source.wipe) throw refusal(source);
  await source.wipe();
}

function refusal(source: DatabaseSource): ResetRefusedError {
  return new ResetRefusedError(
    `Reset works on the embedded database only; the sandbox does not wipe ${source.describe}. ` +
      'Unset DATABASE_URL to run it on the embedded database.',
  );
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Event streams never end by themselves.
    server.closeAllConnections();
  });
}

/** The port is taken: say so in words, with what to do about it. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

function portError(error: unknown, port: number): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') return error;
  return new PortInUseError(
    `Port ${port} is in use, so the sandbox page cannot listen there. Stop what uses it, or set PORT, e.g. PORT=3001 npm start.`,
  );
}
