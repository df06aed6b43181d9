import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { SandboxState } from '../../src/sandbox/web/snapshot.ts';

/** orderdesk as its own process, started the way `npm start` starts it. */
export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` as a newcomer runs it, with only the environment the test gives. */
export function startProcess(env: Record<string, string>, cwd = repo, args: string[] = []): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'src/main.ts'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  return { child, output: () => output, exited: new Promise((resolve) => child.on('exit', resolve)) };
}

export async function waitForHealthy(port: number, run: Run): Promise<void> {
  // A cold PGlite data folder runs initdb in WASM: seconds on an idle machine, many on a busy one.
  for (let i = 0; i < 900; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (run.child.exitCode !== null) throw new Error(`orderdesk exited: ${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`orderdesk never became healthy: ${run.output()}`);
}

/** The sandbox answers its state once the world is up; the page is served from the first moment. */
export async function waitForState(url: string, run: Run): Promise<SandboxState> {
  for (let i = 0; i < 900; i++) {
    const res = await fetch(url).catch(() => null);
    if (res?.ok) return (await res.json()) as SandboxState;
    if (run.child.exitCode !== null) throw new Error(`orderdesk exited: ${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered: ${run.output()}`);
}

export async function waitForOutput(run: Run, text: string): Promise<void> {
  for (let i = 0; i < 100 && !run.output().includes(text); i++) await new Promise((r) => setTimeout(r, 50));
  expect(run.output()).toContain(text);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
