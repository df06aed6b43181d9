import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/**
 * The few messages between bench/run.ts and a bot it runs in a child process (over Node's IPC
 * channel, so the bot's stdout stays free and the load generator never shares its event loop).
 */
export type ToChild =
  | { type: 'stats' }
  | { type: 'stop' }
  | { type: 'orders' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string };
export type FromChild =
  | { type: 'ready'; port: number }
  | { type: 'stats'; rssBytes: number; cpuMicros: number }
  | { type: 'profile-saved'; file: string }
  | { type: 'orders'; byStatus: Record<string, number> }
  | { type: 'failed'; message: string };

export interface RunningBot {
  port: number;
  stop(): Promise<void>;
  /** Orders in the bot's database, by status (orderdesk only: its database may live in its process). */
  ordersByStatus?(): Promise<Record<string, number>>;
}

/** Child side: start the bot, report its port, answer stats requests, stop when told. */
export async function serveBenchParent(start: () => Promise<RunningBot>): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('this file is started by bench/run.ts (it needs an IPC channel)');
  const reply = (message: FromChild) => send(message, () => {});
  let bot: RunningBot;
  try {
    bot = await start();
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    // exit once the message is out: half-started servers and databases would keep us alive.
    send({ type: 'failed', message } satisfies FromChild, () => process.exit(1));
    return;
  }
  const profiler = new Profiler();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await bot.stop().catch((error) => console.error('bench child: stop failed', error));
    // exit rather than wait for every handle (dispatcher timers, pools) to let go.
    process.exit(0);
  };
  process.on('message', (message: ToChild) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage();
      reply({ type: 'stats', rssBytes: process.memoryUsage.rss(), cpuMicros: cpu.user + cpu.system });
    } else if (message.type === 'stop') {
      void stop();
    } else if (message.type === 'orders') {
      const count = bot.ordersByStatus?.() ?? Promise.resolve({});
      void count.then(
        (byStatus) => reply({ type: 'orders', byStatus }),
        (error) => {
          console.error('bench child: counting orders failed', error);
          reply({ type: 'orders', byStatus: {} });
        },
      );
    } else if (message.type === 'profile-start') {
      void profiler.start();
    } else if (message.type === 'profile-stop') {
      void profiler.stop(message.file).then(() => reply({ type: 'profile-saved', file: message.file }));
    }
  });
  // The parent went away without saying stop (crash, Ctrl-C): don't outlive it.
  process.on('disconnect', () => void stop());
  reply({ type: 'ready', port: bot.port });
}

/**
 * V8's sampling profiler, switched on only while the parent measures, so start-up (module
 * loading, PGlite's initdb) does not crowd out the request path in the profile.
 */
class Profiler {
  #session: Session | null = null;

  async start(): Promise<void> {
    if (this.#session) return;
    this.#session = new Session();
    this.#session.connect();
    await this.#session.post('Profiler.enable');
    await this.#session.post('Profiler.start');
  }

  async stop(file: string): Promise<void> {
    const session = this.#session;
    if (!session) return;
    this.#session = null;
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  }
}
