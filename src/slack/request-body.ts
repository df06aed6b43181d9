import { parse } from 'node:querystring';
import { jsonMayHoldControlCharacters } from './control-characters.ts';

export type ReadBody =
  | { kind: 'ssl_check' }
  /** `mayHoldControlCharacters` false: no value in the body holds one, known from its JSON text. */
  | { kind: 'object'; body: Record<string, unknown>; mayHoldControlCharacters: boolean }
  | { kind: 'unreadable'; reason: string };

/**
 * What a request to /slack/events carries: slash commands as form fields, interactions as one
 * form field `payload` holding JSON, events as JSON. Anything that is not an object (`null`, a
 * number, an array, JSON that does not parse) is unreadable: Bolt would read a property of it
 * and throw outside any handler, which stopped the whole process.
 */
export function readBody(contentType: string | undefined, rawBody: Buffer): ReadBody {
  const text = rawBody.toString('utf8');
  if (mediaType(contentType) === 'application/x-www-form-urlencoded') {
    const fields = parse(text);
    if (fields.ssl_check === '1') return { kind: 'ssl_check' };
    if ('payload' in fields) {
      return typeof fields.payload === 'string'
        ? json(fields.payload)
        : { kind: 'unreadable', reason: 'payload is not one field' };
    }
    for (const value of Object.values(fields)) {
      if (typeof value !== 'string') return { kind: 'unreadable', reason: 'a form field sent twice' };
    }
    return { kind: 'object', body: { ...fields }, mayHoldControlCharacters: true };
  }
  return json(text);
}

function json(text: string): ReadBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return { kind: 'unreadable', reason: `JSON ${what} instead of an object` };
  }
  return {
    kind: 'object',
    body: value as Record<string, unknown>,
    mayHoldControlCharacters: jsonMayHoldControlCharacters(text),
  };
}

const mediaType = (contentType: string | undefined) => contentType?.split(';')[0]?.trim().toLowerCase();
