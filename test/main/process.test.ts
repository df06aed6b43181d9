import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { signingSecret } from '../support/flow.ts';
import { botToken } from '../support/outbox-harness.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` as a newcomer runs it, with only the environment the test gives. */
function start(env: Record<string, string>, cwd = repo): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'src/main.ts')], {
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

  it('without Slack credentials says which variables to set', async () => {
    const run = start({});
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('SLACK_BOT_TOKEN');
    expect(run.output()).toContain('SLACK_SIGNING_SECRET');
    expect(run.output()).not.toMatch(/\n\s+at /);
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
