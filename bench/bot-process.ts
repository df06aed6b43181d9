import { type ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { FromChild, ToChild } from './child-protocol.ts';

export interface BotStats {
  rssBytes: number;
  cpuMicros: number;
}

export interface BotProcessOptions {
  name: string;
  /** The child's entry file (a .ts file run through tsx). */
  entry: string;
  /** Core list for `taskset -c`, or null to leave the child unpinned. */
  cpus: string | null;
  env: Record<string, string>;
}

/** A bot server in a child process of its own, pinned to its core when taskset exists. */
export class BotProcess {
  readonly name: string;
  readonly port: number;
  readonly pid: number;
  /** Spawn to listening, ms: loading modules, plus the database and migrations for orderdesk. */
  readonly startupMs: number;
  readonly #child: ChildProcess;
  readonly #waiting: ((stats: BotStats) => void)[] = [];
  readonly #profiles = new Map<string, () => void>();
  readonly #exited: Promise<void>;

  private constructor(
    name: string,
    child: ChildProcess,
    port: number,
    startupMs: number,
    exited: Promise<void>,
  ) {
    this.name = name;
    this.#child = child;
    this.port = port;
    this.pid = child.pid ?? -1;
    this.startupMs = startupMs;
    this.#exited = exited;
    child.on('message', (message: FromChild) => {
      if (message.type === 'stats')
        this.#waiting.shift()?.({ rssBytes: message.rssBytes, cpuMicros: message.cpuMicros });
    });
  }

  static start(opts: BotProcessOptions): Promise<BotProcess> {
    const nodeArgs = ['--import', 'tsx', opts.entry];
    const [command, args] = opts.cpus
      ? ['taskset', ['-c', opts.cpus, process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs];
    const begun = performance.now();
    const child = spawn(command, args as string[], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...opts.env },
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        child.kill('SIGKILL');
        reject(new Error(`${opts.name} did not start: ${why}`));
      };
      child.once('error', (error) => fail(error.message));
      child.once('exit', (code, signal) => fail(`exited with ${signal ?? code} before listening`));
      child.on('message', function first(message: FromChild) {
        if (message.type === 'failed') {
          fail(message.message);
        } else if (message.type === 'ready') {
          child.off('message', first);
          child.removeAllListeners('exit');
          child.removeAllListeners('error');
          resolve(new BotProcess(opts.name, child, message.port, performance.now() - begun, exited));
        }
      });
    });
  }

  /** The child's resident memory and CPU time so far (answered by its own event loop). */
  stats(): Promise<BotStats> {
    return new Promise((resolve, reject) => {
      if (!this.#child.connected) {
        reject(new Error(`${this.name} is no longer running`));
        return;
      }
      this.#waiting.push(resolve);
      this.#child.send({ type: 'stats' } satisfies ToChild);
    });
  }

  /** Starts V8's CPU profiler in the bot (costs it a few per cent). */
  startProfile(): void {
    if (this.#child.connected) this.#child.send({ type: 'profile-start' } satisfies ToChild);
  }

  /** Stops the profiler and waits until the bot has written the profile to `file`. */
  stopProfile(file: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.#child.connected) {
        reject(new Error(`${this.name} is no longer running`));
        return;
      }
      this.#profiles.set(file, resolve);
      this.#child.send({ type: 'profile-stop', file } satisfies ToChild);
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

  /** Asks the bot to stop cleanly; kills it if it has not exited after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    if (this.#child.connected) this.#child.send({ type: 'stop' } satisfies ToChild);
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }

  /** Last resort (Ctrl-C): no waiting. */
  kill(): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
  }
}
