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
  folder = await mkdtemp(path.join(os.tmpdir(), 'orderdesk-setup-'));
  slack = await startFakeSlack({ botToken });
  for (const name of ['finance', 'production', 'qa', 'logistics'])
    slack.addChannel({ name, is_member: true });
  // As in cli.test.ts: a fresh Postgres database, or a PGlite folder made from the suite's template.
  database = process.env.TEST_DATABASE_URL ? await createTestDatabase({ migrate: false }) : null;
  const template = inject('pgliteTemplate');
  if (!database && template) {
    const snapshot = new Blob([await readFile(template)]);
    await (await openDatabase({ kind: 'pglite', dataDir: path.join(folder, 'data'), snapshot })).close();
  }
  env = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: database?.url ?? '',
    DATA_DIR: path.join(folder, 'data'),
    SLACK_BOT_TOKEN: botToken,
    SLACK_API_URL: slack.apiUrl,
  };
});
afterAll(async () => {
  await slack.stop();
  await database?.close();
  await rm(folder, { recursive: true, force: true });
});

function seed(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'src/db/seed-cli.ts'), ...args], {
    cwd: repo,
    env,
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

vi.setConfig({ testTimeout: 90_000 });

describe('npm run db:seed -- setup FILE.yml', () => {
  it('a file with problems: one line per problem, each with its line, and exit 2', async () => {
    const file = path.join(folder, 'setup.yml');
    await writeFile(
      file,
      'departments:\n  - key: paint\n    name: Paint\n    channel: "#paint"\n    daily_capacity: -1\n',
    );
    expect(await seed(['setup', file])).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        `${file}:5: departments[0].daily_capacity: must be a whole number above 0`,
        'nothing was changed: fix the problem above and run again',
        '',
      ].join('\n'),
    });
  });

  it('the example file sets the workspace up; a second run changes nothing', async () => {
    const example = 'docs/setup.example.yml';
    const first = await seed(['setup', example]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('  4 departments (4 new, 0 updated)\n  6 people (6 new, 0 updated)\n');
    expect(first.stdout).toContain('  2 allocation rules (2 new, 0 updated)\n');
    const again = await seed(['setup', example]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      [
        '  4 departments (0 new, 0 updated, 4 unchanged)',
        '  6 people (0 new, 0 updated, 6 unchanged)',
        '  2 allocation rules (0 new, 0 updated, 2 unchanged)',
      ].join('\n'),
    );
  });

  it('without a file it says how to call it and exits 2', async () => {
    expect(await seed(['setup'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'usage: npm run db:seed [-- setup FILE.yml]\n',
    });
  });
});
