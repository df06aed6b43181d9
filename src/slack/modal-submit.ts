import type {
  AllMiddlewareArgs,
  Logger,
  SlackViewMiddlewareArgs,
  ViewResponseAction,
  ViewSubmitAction,
} from '@slack/bolt';
import type { z } from 'zod';
import { asView } from '../blocks/block-kit.ts';
import { isAppError } from '../errors.ts';
import { inputsOf, withSummaryOnTop } from './error-summary.ts';
import type { PersonNames } from './person-names.ts';
import { replyForError } from './reply-for-error.ts';

export type ViewSubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** A form's typed values, read: the use case's input, or what to say under which input (block id). */
export type FormRead<T> = { ok: true; input: T } | { ok: false; errors: Record<string, string> };

/** A submission's answer: nothing closes the modal; `errors`, `update`, `push` or `clear` as Slack has them. */
export type ModalAnswer = ViewResponseAction | undefined;

export interface ModalSubmit<T> {
  /** Reads and checks what was typed. A throw is shown as `refused` says, like a refusal of the run. */
  read(): FormRead<T> | Promise<FormRead<T>>;
  /** The use case, and the answer when it is not just closing the modal. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a run that only closes the modal returns nothing
  run(input: T): Promise<ModalAnswer | void>;
  /**
   * Where a refusal or failure of the run is said: under an input (the person keeps what they
   * typed), or, for a modal without inputs, in a view that takes its place.
   */
  refused: { under: string | ((error: unknown) => string) } | { view(words: string): object };
  /** Work once the person has their answer and the run went through; it must not hold up the answer. */
  afterAnswer?(): Promise<void>;
}

export interface ModalSubmitDeps {
  logger: Logger;
  /** Called once the run went through, so its outbox rows go out without waiting for a poll. */
  afterWrite(): void;
  /** Given, people mentioned in errors are named: a modal shows a mention as its raw id. */
  names?: PersonNames;
  /** For long forms: the top input's error also lists the fields below that need fixing. */
  summaryOnTop?: boolean;
}

/**
 * The one way a modal's submission is answered: read and check the typed values, say what is
 * wrong under each input (`response_action: errors`), else run the use case and answer with what
 * it returns; a refusal or failure of it is said in the form too. Exactly one answer either way.
 */
export async function submitModal<T>(
  args: ViewSubmitArgs,
  deps: ModalSubmitDeps,
  form: ModalSubmit<T>,
): Promise<void> {
  const { answer, ran } = await answerOf(form, deps.logger);
  await args.ack(await shown(answer, args, deps));
  if (!ran) return;
  deps.afterWrite();
  await form.afterAnswer?.();
}

async function answerOf<T>(
  form: ModalSubmit<T>,
  logger: Logger,
): Promise<{ answer: ModalAnswer; ran: boolean }> {
  try {
    const read = await form.read();
    if (!read.ok) return { answer: { response_action: 'errors', errors: read.errors }, ran: false };
    const answer = (await form.run(read.input)) ?? undefined;
    return { answer, ran: answer?.response_action !== 'errors' };
  } catch (error) {
    const words = inlineWords(error, logger);
    const { refused } = form;
    if ('view' in refused) {
      return { answer: { response_action: 'update', view: asView(refused.view(words)) }, ran: false };
    }
    const block = typeof refused.under === 'string' ? refused.under : refused.under(error);
    return { answer: { response_action: 'errors', errors: { [block]: words } }, ran: false };
  }
}

/** Errors as the person should read them: people named, and on long forms summed up on top. */
async function shown(answer: ModalAnswer, args: ViewSubmitArgs, deps: ModalSubmitDeps): Promise<ModalAnswer> {
  const { names, summaryOnTop } = deps;
  if (!answer || (!names && !summaryOnTop)) return answer;
  if (answer.response_action === 'errors') {
    const named = names ? await names.errorsInModal(answer.errors, args.client) : answer.errors;
    const errors = summaryOnTop ? withSummaryOnTop(named, inputsOf(args.view)) : named;
    return { response_action: 'errors', errors };
  }
  if (names && (answer.response_action === 'update' || answer.response_action === 'push')) {
    return { ...answer, view: await names.inView(answer.view, args.client) };
  }
  return answer;
}

/**
 * A refusal or failure as words under an input: a use case's words as written, anything else
 * with a reference. Errors under inputs are plain text, where an emoji code would show as typed.
 */
export function inlineWords(error: unknown, logger: Logger): string {
  return isAppError(error) ? error.message : replyForError(error, logger).text.replace(/^:[a-z_]+: /, '');
}

/**
 * Zod's verdict on a form's values: the input, or each field's first problem under the input
 * block `blocks` names for it (by a table or a function; none: not shown).
 */
export function readWith<T>(
  parsed: z.ZodSafeParseResult<T>,
  blocks: Readonly<Record<string, string>> | ((field: string) => string | undefined),
): FormRead<T> {
  if (parsed.success) return { ok: true, input: parsed.data };
  const blockOf = typeof blocks === 'function' ? blocks : (field: string) => blocks[field];
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const block = blockOf(String(issue.path[0] ?? ''));
    if (block !== undefined) errors[block] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Where a field's problem goes: its own input when the form has one, else the form's first input. */
export const underInputs =
  (inputs: readonly string[]) =>
  (field: string | undefined): string =>
    field && inputs.includes(field) ? field : (inputs[0] ?? '');

export interface SchemaForm<F extends { fields: unknown }, T> {
  /** What the form is about, for the log: "department". */
  what: string;
  /** The form's metadata and fields as typed; throws on a form orderdesk did not draw. */
  read(): F;
  schema: z.ZodType<T>;
  /** The form's input block ids, first to last: a field without its own input goes under the first. */
  inputs(form: F): readonly string[];
  /** Where "this form could not be read" is said. */
  unreadableUnder: string;
}

/**
 * A form whose fields one schema checks (records, departments, people): read, then checked, each
 * problem under its own input. A form that cannot be read is logged, and only a fresh one helps.
 */
export function readSchemaForm<F extends { fields: unknown }, T>(
  logger: Logger,
  form: SchemaForm<F, T>,
): FormRead<{ form: F; input: T }> {
  let read: F;
  try {
    read = form.read();
  } catch (error) {
    logger.error(`a ${form.what} form came back unreadable`, error);
    return { ok: false, errors: { [form.unreadableUnder]: unreadableForm } };
  }
  const typed = readWith(form.schema.safeParse(read.fields), underInputs(form.inputs(read)));
  return typed.ok ? { ok: true, input: { form: read, input: typed.input } } : typed;
}

/** For a submission whose metadata or state cannot be read: only a fresh form can help. */
export const unreadableForm = 'This form could not be read. Close it and run the command again.';
