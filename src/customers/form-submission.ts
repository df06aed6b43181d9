import type { Logger } from '@slack/bolt';
import type { z } from 'zod';
import { fieldErrors } from '../db/field-rules.ts';
import { type AppError, isAppError } from '../errors.ts';
import { replyForError } from '../slack/reply-for-error.ts';

/** What a form's submission is answered with: errors under its inputs, or nothing (closes it). */
export type SubmissionAnswer = { response_action: 'errors'; errors: Record<string, string> } | undefined;

export interface FormSave<T> {
  /** The form's input block ids, first to last; an error about anything else goes under the first. */
  inputs: readonly string[];
  parsed: z.ZodSafeParseResult<T>;
  save(value: T): Promise<unknown>;
  /** The input a refusal of the save is about, e.g. the code for a duplicate. */
  blockFor(error: AppError): string | undefined;
  logger: Logger;
}

/**
 * Saves a form's parsed values, or says under each input what is wrong with it. A refusal or a
 * failure of the save is shown in the form too: the person keeps what they typed.
 */
export async function answerSubmission<T>(form: FormSave<T>): Promise<SubmissionAnswer> {
  const first = form.inputs[0] ?? '';
  const under = (field: string | undefined) => (field && form.inputs.includes(field) ? field : first);
  if (!form.parsed.success) {
    const errors: Record<string, string> = {};
    for (const [field, message] of Object.entries(fieldErrors(form.parsed.error))) {
      errors[under(field)] ??= message;
    }
    return { response_action: 'errors', errors };
  }
  try {
    await form.save(form.parsed.data);
    return undefined;
  } catch (error) {
    const message = isAppError(error) ? error.message : plainText(replyForError(error, form.logger).text);
    const field = isAppError(error) ? form.blockFor(error) : undefined;
    return { response_action: 'errors', errors: { [under(field)]: message } };
  }
}

/** Errors under inputs are plain text: an emoji code would show as typed. */
const plainText = (text: string) => text.replace(/^:[a-z_]+: /, '');

/** For a submission whose metadata or state cannot be read: only a fresh form can help. */
export const unreadableForm = 'This form could not be read. Close it and run the command again.';
