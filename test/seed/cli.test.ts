import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CliWorld, startCliWorld } from '../support/cli-world.ts';
import { botToken } from '../support/outbox-harness.ts';

let world: CliWorld;
let folder: string;

beforeAll(async () => {
  world = await startCliWorld({
    channels: ['production', 'logistics', 'finance', 'after-sales', 'managers'],
    withToken: false,
  });
  folder = world.folder;
});
afterAll(() => world.stop());

const run = (script: string, args: string[], extra: Record<string, string> = {}) =>
  world.run(script, args, extra);

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
    const result = await run('src/cli/import.ts', ['customers', csv]);
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
    const first = await run('src/cli/import.ts', ['customers', csv]);
    expect(first).toMatchObject({ code: 0, stdout: 'imported 2 customers (2 new, 0 updated)\n' });
    const again = await run('src/cli/import.ts', ['customers', csv]);
    expect(again).toMatchObject({
      code: 0,
      stdout: 'imported 2 customers (0 new, 0 updated, 2 unchanged)\n',
    });
  });
});

describe('npm run db:seed', () => {
  it('looks the department channels up in the workspace and reports the one that is missing', async () => {
    const result = await run('src/cli/seed.ts', [], { SLACK_BOT_TOKEN: botToken });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  12 customers (12 new, 0 updated)');
    expect(result.stdout).toContain('  6 departments (6 new, 0 updated)');
    expect(result.stdout).toContain(
      '#qa: no such channel in the workspace — create it and invite the bot, then seed again\n',
    );
    expect(result.stdout).not.toContain('#production');
  });

  it('without a Slack token seeds everything and says the channels were not resolved', async () => {
    const result = await run('src/cli/seed.ts', []);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  6 departments (0 new, 0 updated, 6 unchanged)');
    expect(result.stdout).toContain('channels were not resolved: SLACK_BOT_TOKEN is not set');
  });
});
