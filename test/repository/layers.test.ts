import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/**
 * The layers of docs/architecture.md, top to bottom: a module imports only from its own layer or
 * below. A folder is named with its slash, a file without. A folder not named here is a feature;
 * a file directly in src/ must be placed by name.
 */
const layers: { name: string; members: string[] }[] = [
  {
    name: 'main',
    members: ['main.ts', 'orderdesk.ts', 'features.ts', 'job-kinds.ts', 'cards.ts', 'cli/', 'sandbox/'],
  },
  { name: 'features', members: [] },
  { name: 'flows', members: ['flows/'] },
  { name: 'order core', members: ['orders/', 'routing/'] },
  {
    name: 'plumbing',
    members: ['slack/', 'blocks/', 'outbox/', 'scheduler/', 'auth/', 'metrics/', 'admin-recipients.ts'],
  },
  { name: 'db', members: ['db/', 'context.ts'] },
  {
    name: 'ground',
    members: [
      'clock.ts',
      'money.ts',
      'calendar.ts',
      'errors.ts',
      'config.ts',
      'logger.ts',
      'wording.ts',
      'parsed.ts',
      'package-root.ts',
      'last-resort.ts',
    ],
  },
];
const featureLayer = layers.findIndex((l) => l.name === 'features');

/** The browser modules of the sandbox page are not part of the Node program. */
const notNode = path.join('sandbox', 'web', 'public');

function sourceFiles(dir = ''): string[] {
  return readdirSync(path.join(src, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return file === notNode ? [] : sourceFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** Imports of every kind: static, type-only, re-exports and import(). Relative ones only: ours. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(src, file), 'utf8');
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((i) => i.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.normalize(path.join(path.dirname(file), name)));
}

function layerOf(file: string): number | undefined {
  const [top, ...rest] = file.split(path.sep);
  const member = rest.length ? `${top}/` : top;
  const found = layers.findIndex((l) => l.members.includes(member ?? ''));
  if (found >= 0) return found;
  return rest.length ? featureLayer : undefined;
}

const files = sourceFiles();
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('the layers hold', () => {
  it('every file directly in src/ has its layer', () => {
    expect(files.filter((f) => layerOf(f) === undefined)).toEqual([]);
  });

  it('no module imports from a layer above its own', () => {
    const backImports = [...graph].flatMap(([from, targets]) =>
      targets.flatMap((to) => {
        const [a, b] = [layerOf(from), layerOf(to)];
        if (a === undefined || b === undefined || b >= a) return [];
        return [`${from} (${layers[a]?.name}) imports ${to} (${layers[b]?.name})`];
      }),
    );
    expect(backImports).toEqual([]);
  });

  it('no import circles', () => {
    expect(circles(graph)).toEqual([]);
  });
});

/** Strongly connected groups of more than one file (Tarjan), each as its files in order. */
function circles(edges: Map<string, string[]>): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w) group.push(w);
    } while (w && w !== v);
    if (group.length > 1) found.push(group.sort().join(' ↔ '));
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}
