import { type ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { FromChild, ToChild } from './child-protocol.ts';

export interface BotStats {
  rssBytes: number;
  cpuMicros: number;
}

export interface BotProcessOptions {
  name: string;
  /** The child's entry file: a .ts file run through tsx, or a .js file (a build) run by Node alone. */
  entry: string;
  /** Node's own flags before the entry, as production's start script passes them (bot-build.ts). */
  nodeFlags?: readonly string[];
  /** Core list for `taskset -c`, or null to leave the child unpinned. */
  cpus: string | null;
  env: Record<string, string>;
}

interface Pending<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

/** A bot server in a child process of its own, pinned to its core when taskset exists. */
export class BotProcess {
  readonly name: string;
  readonly port: number;
  readonly pid: number;
  /** Spawn to listening, ms: loading modules, plus the database and migrations for orderdesk. */
  readonly startupMs: number;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  /** Stats requests in the order sent; the child answers them in that order. */
  readonly #stats: Pending<BotStats>[] = [];
  readonly #profiles = new Map<string, Pending<void>>();
  /** Order counts asked for, in the order asked; answered in that order. */
  readonly #orders: Pending<Record<string, number>>[] = [];

  private constructor(child: ChildProcess, name: string, port: number, startupMs: number) {
    this.#child = child;
    this.name = name;
    this.port = port;
    this.pid = child.pid ?? -1;
    this.startupMs = startupMs;
    this.#exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    void this.#exited.then(() => {
      const gone = new Error(`${name} exited`);
      for (const pending of [
        ...this.#stats.splice(0),
        ...this.#orders.splice(0),
        ...this.#profiles.values(),
      ]) {
        pending.reject(gone);
      }
      this.#profiles.clear();
    });
    child.on('message', (message: FromChild) => {
      if (message.type === 'stats') {
        this.#stats.shift()?.resolve({ rssBytes: message.rssBytes, cpuMicros: message.cpuMicros });
      } else if (message.type === 'orders') {
        this.#orders.shift()?.resolve(message.byStatus);
      } else if (message.type === 'profile-saved') {
        this.#profiles.get(message.file)?.resolve();
        this.#profiles.delete(message.file);
      }
    });
    // A send racing the child's exit fails with EPIPE; the exit handler above copes, so don't crash.
    child.on('error', () => {});
  }

  static start(opts: BotProcessOptions): Promise<BotProcess> {
    const flags = opts.nodeFlags ?? [];
    const nodeArgs = opts.entry.endsWith('.ts')
      ? [...flags, '--import', 'tsx', opts.entry]
      : [...flags, opts.entry];
    const [command, args] = opts.cpus
      ? ['taskset', ['-c', opts.cpus, process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs];
    const begun = performance.now();
    const child = spawn(command, args as string[], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...opts.env },
    });
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => fail(error.message);
      const onExit = (code: number | null, signal: string | null) =>
        fail(`exited with ${signal ?? code} before listening`);
      const onMessage = (message: FromChild) => {
        if (message.type === 'failed') {
          fail(message.message);
        } else if (message.type === 'ready') {
          child.off('error', onError).off('exit', onExit).off('message', onMessage);
          resolve(new BotProcess(child, opts.name, message.port, performance.now() - begun));
        }
      };
      const fail = (why: string) => {
        child.off('error', onError).off('exit', onExit).off('message', onMessage);
        child.kill('SIGKILL');
        reject(new Error(`${opts.name} did not start: ${why}`));
      };
      child.on('error', onError).on('exit', onExit).on('message', onMessage);
    });
  }

  /** The child's resident memory and CPU time so far (answered by its own event loop). */
  stats(): Promise<BotStats> {
    return new Promise((resolve, reject) => {
      if (!this.#send({ type: 'stats' })) {
        reject(new Error(`${this.name} is no longer running`));
        return;
      }
      this.#stats.push({ resolve, reject });
    });
  }

  /** Orders in the bot's database, by status ({} for a bot without one). */
  ordersByStatus(): Promise<Record<string, number>> {
    return new Promise((resolve, reject) => {
      if (!this.#send({ type: 'orders' })) {
        reject(new Error(`${this.name} is no longer running`));
        return;
      }
      this.#orders.push({ resolve, reject });
    });
  }

  /** Starts V8's CPU profiler in the bot (costs it a few per cent). */
  startProfile(): void {
    this.#send({ type: 'profile-start' });
  }

  /** Stops the profiler and waits until the bot has written the profile to `file`. */
  stopProfile(file: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.#send({ type: 'profile-stop', file })) {
        reject(new Error(`${this.name} is no longer running`));
        return;
      }
      this.#profiles.set(file, { resolve, reject });
    });
  }

  /** Polls RSS while `during` runs; resolves with its result and the highest RSS seen. */
  async sampleRss<T>(during: Promise<T>, everyMs = 100): Promise<{ result: T; peakRssBytes: number }> {
    let peak = 0;
    let inFlight = false;
    const timer = setInterval(() => {
      if (inFlight) return;
      inFlight = true;
      this.stats().then(
        (s) => {
          peak = Math.max(peak, s.rssBytes);
          inFlight = false;
        },
        () => {},
      );
    }, everyMs);
    try {
      const result = await during;
      peak = Math.max(peak, (await this.stats()).rssBytes);
      return { result, peakRssBytes: peak };
    } finally {
      clearInterval(timer);
    }
  }

  /**
   * Waits until the bot's CPU time stops growing (under 10 % of a core over `sliceMs`): work a
   * listener started after its ack may still be queued when the load stops, and would otherwise
   * be billed to the next measurement. Resolves with how long that took, ms.
   */
  async settle(sliceMs = 200, timeoutMs = 60_000): Promise<number> {
    const begun = performance.now();
    let before = await this.stats();
    while (performance.now() - begun < timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, sliceMs));
      const now = await this.stats();
      if (now.cpuMicros - before.cpuMicros < sliceMs * 100) break;
      before = now;
    }
    return performance.now() - begun;
  }

  /** The bot's CPU use while nobody sends it anything, in % of a core over `ms`. */
  async idleCpuPercent(ms = 1000): Promise<number> {
    const before = await this.stats();
    await new Promise((resolve) => setTimeout(resolve, ms));
    const after = await this.stats();
    return ((after.cpuMicros - before.cpuMicros) / (ms * 1000)) * 100;
  }

  /** Asks the bot to stop cleanly; kills it if it has not exited after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    this.#send({ type: 'stop' });
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }

  #send(message: ToChild): boolean {
    if (!this.#child.connected) return false;
    this.#child.send(message, () => {});
    return true;
  }
}
