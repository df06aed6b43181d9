import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import type { SandboxState } from '../../src/sandbox/web/snapshot.ts';
import { signingSecret } from '../support/flow.ts';
import { botToken } from '../support/outbox-harness.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` as a newcomer runs it, with only the environment the test gives. */
function start(env: Record<string, string>, cwd = repo, args: string[] = []): Run {
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

async function waitForHealthy(port: number, run: Run): Promise<void> {
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
async function waitForState(url: string, run: Run): Promise<SandboxState> {
  for (let i = 0; i < 900; i++) {
    const res = await fetch(url).catch(() => null);
    if (res?.ok) return (await res.json()) as SandboxState;
    if (run.child.exitCode !== null) throw new Error(`orderdesk exited: ${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered: ${run.output()}`);
}

async function waitForOutput(run: Run, text: string): Promise<void> {
  for (let i = 0; i < 100 && !run.output().includes(text); i++) await new Promise((r) => setTimeout(r, 50));
  expect(run.output()).toContain(text);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('starting orderdesk from the command line', () => {
  let slack: FakeSlack;
  let dataDir: string;
  beforeAll(async () => {
    slack = await startFakeSlack({ botToken });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'orderdesk-main-'));
  });
  afterAll(async () => {
    await slack.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stops with exit code 2 and one line per bad setting, never a stack trace', async () => {
    const run = start({ PORT: 'eighty', ORDERDESK_TIMEZONE: 'Mars/Olympus' });
    expect(await run.exited).toBe(2);
    expect(run.output()).toBe(
      [
        'orderdesk cannot start; fix these settings:',
        'PORT: found "eighty", expected a port number from 0 to 65535',
        'ORDERDESK_TIMEZONE: found "Mars/Olympus", expected an IANA time zone such as Europe/Berlin',
        '',
      ].join('\n'),
    );
  });

  it('without Slack credentials starts the sandbox: the page on PORT with the demo loaded; SIGTERM stops it', {
    timeout: 180_000,
  }, async () => {
    const sandboxDir = await mkdtemp(path.join(os.tmpdir(), 'orderdesk-sandbox-'));
    try {
      const port = await freePort();
      const run = start({ PORT: String(port), DATA_DIR: sandboxDir });
      const state = await waitForState(`http://127.0.0.1:${port}/api/state`, run);
      expect(state.people.map((p) => p.name)).toContain('Ada Lindqvist');
      expect(state.conversations.map((c) => c.name)).toContain('finance');

      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('<title>orderdesk sandbox</title>');
      await waitForOutput(run, `open http://localhost:${port}/`);
      expect(run.output()).toContain('No Slack credentials (SLACK_BOT_TOKEN');
      expect(existsSync(path.join(sandboxDir, 'orderdesk.lock'))).toBe(true);

      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(existsSync(path.join(sandboxDir, 'orderdesk.lock'))).toBe(false);
      expect(run.output()).not.toMatch(/\n\s+at /);
    } finally {
      await rm(sandboxDir, { recursive: true, force: true });
    }
  });

  it('--reset goes with the sandbox only: with credentials and no --sandbox it stops with exit code 2', async () => {
    const run = start(
      { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: slack.apiUrl },
      repo,
      ['--reset'],
    );
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('npm start -- --sandbox --reset');
  });

  it('runs on the embedded database, refuses a second process on the same folder, and stops cleanly on SIGTERM', {
    timeout: 180_000,
  }, async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const env = {
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
    };
    const first = start(env);
    await waitForHealthy(port, first);
    expect(existsSync(path.join(dataDir, 'orderdesk.lock'))).toBe(true);

    const second = start({ ...env, PORT: String(port + 1) });
    expect(await second.exited).toBe(2);
    expect(second.output()).toContain(
      `The embedded database in ${dataDir} is in use by another orderdesk process`,
    );

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'orderdesk.lock'))).toBe(false);
  });
});
