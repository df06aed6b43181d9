import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { botToken } from '../support/outbox-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let folder: string;
let slack: FakeSlack;
let database: TestDatabase | null = null;
let env: Record<string, string>;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'orderdesk-cli-'));
  slack = await startFakeSlack({ botToken });
  for (const name of ['production', 'logistics', 'finance', 'after-sales', 'managers']) {
    slack.addChannel({ name, is_member: true });
  }
  // On Postgres the commands get a fresh database of their own; on PGlite, a data folder made
  // from the suite's migrated template, which spares each run an initdb.
  database = process.env.TEST_DATABASE_URL ? await createTestDatabase({ migrate: false }) : null;
  const template = inject('pgliteTemplate');
  if (!database && template) {
    const snapshot = new Blob([await readFile(template)]);
    await (await openDatabase({ kind: 'pglite', dataDir: path.join(folder, 'data'), snapshot })).close();
  }
  // Every variable is set, even if empty, so a developer's .env cannot point a test at their data.
  env = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: database?.url ?? '',
    DATA_DIR: path.join(folder, 'data'),
    SLACK_BOT_TOKEN: '',
    SLACK_API_URL: slack.apiUrl,
  };
});
afterAll(async () => {
  await slack.stop();
  await database?.close();
  await rm(folder, { recursive: true, force: true });
});

/** Runs a CLI as `npm run …` does, and collects what it printed. */
function run(script: string, args: string[], extra: Record<string, string> = {}) {
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
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function file(name: string, text: string): Promise<string> {
  const full = path.join(folder, name);
  await writeFile(full, text);
  return full;
}

// Each run starts a process and opens the database (on PGlite, initdb on the first one).
vi.setConfig({ testTimeout: 90_000 });

const header =
  'code,name,credit_limit,outstanding,credit_stop,payment_methods,tier,account_owner_id,connect_channel_id';

describe('npm run import', () => {
  it('prints each bad row with its line and column, imports nothing and exits 1', async () => {
    const csv = await file(
      'bad.csv',
      `${header}\r\nGOOD,Good Co,100,,,net30,,,\r\nBAD,Bad Co,abc,,,net30,,,\r\nWORSE,,1,,,,,,\r\n`,
    );
    const result = await run('src/db/import-cli.ts', ['customers', csv]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'line 3, column credit_limit: "abc" is not an amount: credit limit takes digits with at most two decimals, like 2500.00',
        'line 4, column name: Name is required',
        'line 4, column payment_methods: Choose at least one of the payment methods',
        'nothing imported: fix the 2 lines above and run again',
        '',
      ].join('\n'),
    });
  });

  it('imports a good file in one go and says what it did', async () => {
    const csv = await file(
      'good.csv',
      `\uFEFF${header}\nGOOD,"Good Co, ""Ltd"" 🚀",100,,,net30,,,\nOTHER,他の会社,0,0,yes,prepaid,gold,,\n`,
    );
    const first = await run('src/db/import-cli.ts', ['customers', csv]);
    expect(first).toMatchObject({ code: 0, stdout: 'imported 2 customers (2 new, 0 updated)\n' });
    const again = await run('src/db/import-cli.ts', ['customers', csv]);
    expect(again).toMatchObject({
      code: 0,
      stdout: 'imported 2 customers (0 new, 0 updated, 2 unchanged)\n',
    });
  });
});

describe('npm run db:seed', () => {
  it('looks the department channels up in the workspace and reports the one that is missing', async () => {
    const result = await run('src/db/seed-cli.ts', [], { SLACK_BOT_TOKEN: botToken });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  12 customers (12 new, 0 updated)');
    expect(result.stdout).toContain('  6 departments (6 new, 0 updated)');
    expect(result.stdout).toContain(
      '#qa: no such channel in the workspace — create it and invite the bot, then seed again\n',
    );
    expect(result.stdout).not.toContain('#production');
  });

  it('without a Slack token seeds everything and says the channels were not resolved', async () => {
    const result = await run('src/db/seed-cli.ts', []);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  6 departments (0 new, 0 updated, 6 unchanged)');
    expect(result.stdout).toContain('channels were not resolved: SLACK_BOT_TOKEN is not set');
  });
});
