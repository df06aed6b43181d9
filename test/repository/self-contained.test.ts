import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where code and scripts live; vendored data and generated files are not read for paths. */
const scanned = ['src', 'test', 'bench', '.ci', 'package.json', 'vitest.config.ts', 'drizzle.config.ts'];
const skipped = new Set(['node_modules', 'slack-schema', 'public']);

function filesUnder(entry: string): string[] {
  const full = path.join(repoRoot, entry);
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full).flatMap((name) => (skipped.has(name) ? [] : filesUnder(path.join(entry, name))));
}

/** A path built to step out of the repository, as a string or as path.join's parts. */
const outside = /\.\.\/(shared|slack-fixtures)\b|['"]\.\.['"],\s*['"](shared|slack-fixtures)['"]/;

describe('a fresh clone has everything its tests and scripts read', () => {
  it('no source, test, bench or CI file reaches outside the repository', () => {
    const offenders = scanned
      .flatMap(filesUnder)
      .filter((file) => /\.(ts|mjs|js|json|sh)$|^\.ci\//.test(file))
      .filter((file) => file !== path.join('test', 'repository', 'self-contained.test.ts'))
      .filter((file) => outside.test(readFileSync(path.join(repoRoot, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
