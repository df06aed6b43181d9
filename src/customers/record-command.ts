import { z } from 'zod';

/**
 * `/order customer …` and `/order product …` share one grammar: `add [KEY]`, `edit KEY`,
 * `show KEY`. The key is checked by the record's own field rule, so a command refuses exactly
 * the codes the form would.
 */
export type RecordCommand = { verb: 'add'; key: string | null } | { verb: 'edit' | 'show'; key: string };

const verbSchema = z.enum(['add', 'edit', 'show']);

export type ParsedCommand = { ok: true; command: RecordCommand } | { ok: false; problem: string | null };

export function parseRecordCommand(args: string, keyRule: z.ZodType<string>, keyName: string): ParsedCommand {
  const [verbWord = '', keyWord, ...extra] = args.split(/\s+/).filter(Boolean);
  const verb = verbSchema.safeParse(verbWord.toLowerCase());
  if (!verb.success) return { ok: false, problem: null };
  if (extra.length > 0) return { ok: false, problem: `Give one ${keyName} only` };
  if (keyWord === undefined) {
    if (verb.data === 'add') return { ok: true, command: { verb: 'add', key: null } };
    return { ok: false, problem: `Say which ${keyName}` };
  }
  const key = keyRule.safeParse(keyWord);
  if (!key.success) return { ok: false, problem: key.error.issues[0]?.message ?? `Not a ${keyName}` };
  return { ok: true, command: { verb: verb.data, key: key.data } };
}
