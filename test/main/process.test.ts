import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import {
  freePort,
  repo,
  startProcess,
  waitForHealthy,
  waitForOutput,
  waitForState,
} from '../support/bot-process.ts';
import { signingSecret } from '../support/flow.ts';
import { botToken } from '../support/outbox-harness.ts';

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
    const run = startProcess({ PORT: 'eighty', ORDERDESK_TIMEZONE: 'Mars/Olympus' });
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
      const run = startProcess({ PORT: String(port), DATA_DIR: sandboxDir });
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
    const run = startProcess(
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
    const first = startProcess(env);
    await waitForHealthy(port, first);
    expect(existsSync(path.join(dataDir, 'orderdesk.lock'))).toBe(true);

    const second = startProcess({ ...env, PORT: String(port + 1) });
    expect(await second.exited).toBe(2);
    expect(second.output()).toContain(
      `The embedded database in ${dataDir} is in use by another orderdesk process`,
    );

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'orderdesk.lock'))).toBe(false);
  });
});
