import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { onPostgres, testDatabaseUrl } from '../support/test-database.ts';

/** Where `import 'postgres'` in the child finds the installed (patched) package. */
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * postgres.js's Query is a promise that kept two closures of its own to settle itself; with those,
 * V8's young-generation collections kept alive and promoted a fifth to a third of what a loop of
 * queries allocated (several milliseconds a pause, in the allocation's slowest orders).
 * `patches/postgres+3.4.9.patch` (applied by `npm install`) settles through the class's methods.
 */
describe('a postgres.js query settles through its class, not closures of its own', () => {
  it('a query carries no resolve or reject of its own', async () => {
    // Never connects: a query is only sent once awaited.
    const sql = postgres('postgres://nobody@127.0.0.1:1/none', { max: 1 });
    const query = sql.unsafe('select 1');
    expect(Object.hasOwn(query, 'resolve')).toBe(false);
    expect(Object.hasOwn(query, 'reject')).toBe(false);
    expect(typeof (query as unknown as { resolve: unknown }).resolve).toBe('function');
    await sql.end({ timeout: 0 });
  });

  describe.skipIf(!onPostgres)('on the Postgres server', () => {
    it('queries still answer and fail as before', async () => {
      const sql = postgres(testDatabaseUrl ?? '', { max: 1, onnotice: () => {} });
      try {
        expect(await sql.unsafe('select $1::int + 1 as two', [1], { prepare: true })).toEqual([{ two: 2 }]);
        await expect(sql.unsafe('select 1 / 0')).rejects.toThrow(/division by zero/);
        expect(await sql.unsafe('select 3 as three')).toEqual([{ three: 3 }]);
      } finally {
        await sql.end();
      }
    });

    it('a loop of queries leaves next to nothing alive at a young-generation collection', async () => {
      // Node's own GC trace, one line per collection, from a child of its own: no timing is read.
      const loop = `
        import postgres from 'postgres';
        const sql = postgres(process.env.SERVER_URL, { max: 1 });
        const rows = () => sql.unsafe("select g as id, 'name ' || g as name from generate_series(1, 40) g where $1::int > 0", [1], { prepare: true });
        for (let i = 0; i < 4000; i++) await Promise.all([rows(), rows()]);
        await sql.end();`;
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--trace-gc-nvp', '--input-type=module', '-e', loop],
        { cwd: repositoryRoot, env: { ...process.env, SERVER_URL: testDatabaseUrl }, maxBuffer: 64 << 20 },
      );
      const survived = stdout
        .split('\n')
        .filter((line) => /\bgc=s\b/.test(line))
        .map((line) => Number(/\bnew_space_survived=(\d+)/.exec(line)?.[1]))
        // The first collections see the connection and the modules still young.
        .slice(3);
      expect(survived.length).toBeGreaterThan(3);
      const mean = survived.reduce((sum, bytes) => sum + bytes, 0) / survived.length;
      // Patched: about 8 kB a collection; with the closures: 2–3 MB.
      expect(mean).toBeLessThan(200_000);
    });
  });
});
