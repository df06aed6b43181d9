import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { botToken } from './outbox-harness.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliWorld {
  /** A scratch folder of the test's own, removed by stop(). */
  folder: string;
  slack: FakeSlack;
  /** Runs a CLI as `npm run …` does, and collects what it printed. */
  run(script: string, args: string[], extra?: Record<string, string>): Promise<CliRun>;
  stop(): Promise<void>;
}

/**
 * What a CLI test runs its commands against: a fake Slack with the named channels, and a
 * database of its own — a fresh one on Postgres, or on PGlite a data folder made from the
 * suite's migrated template, which spares each run an initdb.
 */
export async function startCliWorld(opts: {
  channels: readonly string[];
  withToken: boolean;
}): Promise<CliWorld> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'orderdesk-cli-'));
  const slack = await startFakeSlack({ botToken });
  for (const name of opts.channels) slack.addChannel({ name, is_member: true });
  const database: TestDatabase | null = process.env.TEST_DATABASE_URL
    ? await createTestDatabase({ migrate: false })
    : null;
  const template = inject('pgliteTemplate');
  if (!database && template) {
    const snapshot = new Blob([await readFile(template)]);
    await (await openDatabase({ kind: 'pglite', dataDir: path.join(folder, 'data'), snapshot })).close();
  }
  // Every variable is set, even if empty, so a developer's .env cannot point a test at their data.
  const env = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: database?.url ?? '',
    DATA_DIR: path.join(folder, 'data'),
    SLACK_BOT_TOKEN: opts.withToken ? botToken : '',
    SLACK_API_URL: slack.apiUrl,
  };
  return {
    folder,
    slack,
    run(script, args, extra = {}) {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, script), ...args], {
        cwd: repo,
        env: { ...env, ...extra },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      return new Promise<CliRun>((resolve) => {
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
    },
    async stop() {
      await slack.stop();
      await database?.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
