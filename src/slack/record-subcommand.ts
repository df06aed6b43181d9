import { z } from 'zod';
import { type Actor, requireRole } from '../auth/roles.ts';
import { type Block, escapeMrkdwn } from '../blocks/block-kit.ts';
import type { Reply, Subcommand, SubcommandTexts } from './subcommand.ts';

/**
 * `/order customer …`, `/order product …` and any other kind of record an admin keeps share one
 * grammar: `add [KEY]`, `edit KEY`, `show KEY`. The key is checked by the record's own field
 * rule, so a command refuses exactly the keys the form would.
 */
export interface RecordSubcommandSpec<R extends { name: string }> {
  /** The subcommand, which is also what one record is called: `customer`. */
  name: string;
  /** What several are called, in a refusal: "Only an admin can add customers". */
  plural: string;
  /** The key's field rule, its name in a sentence ("customer code") and in the usage ("CODE"). */
  key: { rule: z.ZodType<string>; label: string; placeholder: string };
  /** What `show` tells, for the usage: "its terms, credit and owner". */
  shows: string;
  example: string;
  summary: string;
  keyOf(record: R): string;
  card(record: R): Block[];
  lookUp(actor: Actor, key: string): Promise<R>;
  /** The record to edit; refuses anyone who may not, before a form is shown. */
  toEdit(actor: Actor, key: string): Promise<R>;
  find(key: string): Promise<R | undefined>;
  /** Why `add KEY` is refused when KEY is taken. */
  exists(key: string): string;
  addForm(key: string | null): Record<string, unknown>;
  editForm(record: R): Record<string, unknown>;
  /**
   * A fuller view than the card, when the kind has one: answers `show KEY` and a bare
   * `/order <name> <words>` (a key or part of a name).
   */
  view?(actor: Actor, words: string): Promise<Reply>;
}

/** What a person reads about a kind's subcommand: the key's wording, the usage and help. */
export type RecordCommandText = Pick<
  RecordSubcommandSpec<{ name: string }>,
  'key' | 'shows' | 'example' | 'summary'
>;

/** The words `/order help` shows for `/order <name> add|edit|show`, as data. */
export function recordCommandTexts(name: string, text: RecordCommandText): SubcommandTexts {
  return { [name]: recordCommandText(name, text) };
}

const recordCommandText = (name: string, { key, example, summary }: RecordCommandText) => {
  const { placeholder } = key;
  const usage = `${name} add [${placeholder}] | edit ${placeholder} | show ${placeholder}`;
  return { usage, example, summary, verbs: verbSchema.options };
};

export function recordSubcommand<R extends { name: string }>(spec: RecordSubcommandSpec<R>): Subcommand {
  const { name, key } = spec;

  const usageLines = [
    `\`/order ${name} add [${key.placeholder}]\` — a form for a new ${name} (admins)`,
    `\`/order ${name} edit ${key.placeholder}\` — change a ${name} (admins)`,
    `\`/order ${name} show ${key.placeholder}\` — ${spec.shows}`,
  ].join('\n');
  return {
    name,
    ...recordCommandText(name, spec),
    async run(req) {
      if (spec.view && req.args.trim() && !verbSchema.safeParse(firstWord(req.args)).success)
        return req.reply(await spec.view(await req.actor(), req.args));
      const parsed = parseRecordCommand(req.args, key.rule, key.label);
      if (!parsed.ok) {
        const problem = parsed.problem ? `:warning: ${escapeMrkdwn(parsed.problem)}.\n` : '';
        return req.reply({ text: `${problem}${usageLines}` });
      }
      const { command } = parsed;
      const actor = await req.actor();
      if (command.verb === 'show' && spec.view) return req.reply(await spec.view(actor, command.key));
      if (command.verb === 'show') {
        const record = await spec.lookUp(actor, command.key);
        return req.reply({
          text: `${spec.keyOf(record)} — ${escapeMrkdwn(record.name)}`,
          blocks: spec.card(record),
        });
      }
      let view: Record<string, unknown>;
      if (command.verb === 'edit') {
        view = spec.editForm(await spec.toEdit(actor, command.key));
      } else {
        requireRole(actor, ['admin'], `add ${spec.plural}`);
        if (command.key && (await spec.find(command.key))) {
          return req.reply({ text: `:warning: ${spec.exists(command.key)}` });
        }
        view = spec.addForm(command.key);
      }
      await req.client.apiCall('views.open', { trigger_id: req.triggerId, view });
    },
  };
}

type RecordCommand = { verb: 'add'; key: string | null } | { verb: 'edit' | 'show'; key: string };

const verbSchema = z.enum(['add', 'edit', 'show']);
const firstWord = (args: string) => (args.trim().split(/\s+/)[0] ?? '').toLowerCase();

type ParsedCommand = { ok: true; command: RecordCommand } | { ok: false; problem: string | null };

function parseRecordCommand(args: string, keyRule: z.ZodType<string>, keyName: string): ParsedCommand {
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
