import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type SetupFile, setupFileSchema } from './setup-file.ts';

export type SetupPath = readonly (string | number)[];

/** One thing wrong with the file, at the line a person would fix. */
export interface SetupProblem {
  line: number;
  path: SetupPath;
  message: string;
}

export interface ParsedSetup {
  file: SetupFile;
  /** The line a value was written on, for problems found after parsing (a missing channel…). */
  lineOf(path: SetupPath): number;
}

export type SetupRead = { ok: true; setup: ParsedSetup } | { ok: false; problems: SetupProblem[] };

/** `departments[2].daily_capacity`, as the problem lines name a value. */
export function formatPath(path: SetupPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function formatProblem(fileName: string, p: SetupProblem): string {
  const where = p.path.length ? `${formatPath(p.path)}: ` : '';
  return `${fileName}:${p.line}: ${where}${p.message}`;
}

/** Parses the YAML and checks its shape; every problem found is reported, each with its line. */
export function readSetupFile(text: string): SetupRead {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        line: e.linePos?.[0].line ?? 1,
        path: [],
        message: `not valid YAML: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    };
  }
  const lineOf = (path: SetupPath) => lineIn(doc, lines, path);
  const parsed = setupFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) return { ok: false, problems: issueProblems(parsed.error.issues, lineOf) };
  return { ok: true, setup: { file: parsed.data, lineOf } };
}

function issueProblems(issues: readonly z.core.$ZodIssue[], lineOf: (path: SetupPath) => number) {
  const problems: SetupProblem[] = issues.flatMap((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        line: lineOf([...path, key]),
        path: [...path, key],
        message: 'is not a field here: check its spelling',
      }));
    }
    return [{ line: lineOf(path), path, message: issue.message }];
  });
  return problems.sort((a, b) => a.line - b.line);
}

/**
 * The line of the value at `path`: a map member's key line, a list item's first line. A value
 * that is missing points at the nearest thing that is there, the map it should be in.
 */
function lineIn(doc: Document, lines: LineCounter, path: SetupPath): number {
  const lineAt = (node: { range?: readonly number[] | null } | null | undefined, fallback: number) =>
    node?.range ? lines.linePos(node.range[0] ?? 0).line : fallback;
  let node: unknown = doc.contents;
  let line = lineAt(doc.contents as Node | null, 1);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === segment);
      if (!pair) break;
      line = lineAt(pair.key as Node, line);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) break;
      line = lineAt(item as Node, line);
      node = item;
    } else break;
  }
  return line;
}
