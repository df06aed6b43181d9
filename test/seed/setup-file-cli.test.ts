import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CliWorld, startCliWorld } from '../support/cli-world.ts';

let world: CliWorld;
let folder: string;

beforeAll(async () => {
  world = await startCliWorld({
    channels: ['finance', 'production', 'qa', 'logistics', 'managers', 'exceptions'],
    withToken: true,
  });
  folder = world.folder;
});
afterAll(() => world.stop());

const seed = (args: string[]) => world.run('src/cli/seed.ts', args);

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
