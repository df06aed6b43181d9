import type { Envelope } from './envelope.ts';

/**
 * Control characters other than newline and tab: Postgres refuses NUL in text (error 22021) and
 * the rest are invisible in Slack, so none of them is ever stored.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const allControlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
/** How one of them can be spelled in JSON text (see jsonMayHoldControlCharacters). */
const escapedControlCharacter = /\\[bfr]|\\u00[01]|\\u007f|\u007f/i;

export const hasControlCharacters = (text: string): boolean => controlCharacters.test(text);

/**
 * Whether a value parsed from this JSON text may hold a control character. JSON.parse refuses
 * them raw inside strings, so apart from DEL they arrive only as escapes: \b, \f, \r or
 * \u0000–\u001f, \u007f. An escaped backslash before such letters answers yes too, which only
 * costs the walk. Nearly no payload has one, and walking a view's whole payload (its blocks
 * echoed back) was about 40 µs of every Submit.
 */
export const jsonMayHoldControlCharacters = (json: string): boolean => escapedControlCharacter.test(json);

export const controlCharacterMessage =
  'That text has an invisible control character in it (pasted from another program?). Type it again without it.';

/** What to answer instead of handling the payload: a message where a person typed the text. */
export type ControlCharacterRefusal = { ack: Record<string, unknown> };

/**
 * Typed text (a command's text, a modal's inputs) with control characters is refused with a
 * message the person sees; anywhere else (button values, search queries, ids) they are removed,
 * since nobody typed them there to be told about.
 */
export function refuseOrStripControlCharacters(envelope: Envelope): ControlCharacterRefusal | null {
  if (envelope.kind === 'command') {
    if (hasControlCharacters(envelope.body.text)) {
      return { ack: { response_type: 'ephemeral', text: `:warning: ${controlCharacterMessage}` } };
    }
  } else if (envelope.kind === 'view' && envelope.body.type === 'view_submission') {
    const errors = inputErrors(envelope.body.view.state?.values ?? {});
    if (errors) return { ack: { response_action: 'errors', errors } };
  }
  stripDeep(envelope.body);
  return null;
}

function inputErrors(values: Record<string, Record<string, unknown>>): Record<string, string> | null {
  const errors: Record<string, string> = {};
  for (const [blockId, inputs] of Object.entries(values)) {
    if (Object.values(inputs).some((input) => containsControlCharacters(input))) {
      errors[blockId] = controlCharacterMessage;
    }
  }
  return Object.keys(errors).length ? errors : null;
}

function containsControlCharacters(value: unknown): boolean {
  if (typeof value === 'string') return hasControlCharacters(value);
  if (Array.isArray(value)) return value.some(containsControlCharacters);
  if (value && typeof value === 'object') return Object.values(value).some(containsControlCharacters);
  return false;
}

function stripDeep(value: Record<string, unknown> | unknown[]): void {
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') {
      if (hasControlCharacters(item)) (value as Record<string, unknown>)[key] = strip(item);
    } else if (item && typeof item === 'object') {
      stripDeep(item as Record<string, unknown>);
    }
  }
}

const strip = (text: string): string => text.replace(allControlCharacters, '');
