import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasControlCharacters, jsonMayHoldControlCharacters } from '../../src/slack/control-characters.ts';
import { readBody } from '../../src/slack/request-body.ts';

/** JSON text for `value` as any writer may spell it: each character raw or as a \u escape. */
function spelled(value: string, escapeAt: readonly boolean[], upper: boolean): string {
  const chars = [
    ...JSON.stringify(value)
      .slice(1, -1)
      .matchAll(/\\u[0-9a-f]{4}|\\.|[^\\]/gs),
  ].map((m) => m[0]);
  const out = chars.map((c, i) => {
    if (!escapeAt[i % escapeAt.length] || c.startsWith('\\')) return c;
    const hex = (c.codePointAt(0) ?? 0).toString(16).padStart(4, '0');
    return `\\u${upper ? hex.toUpperCase() : hex}`;
  });
  return `"${out.join('')}"`;
}

describe('the edge skips the control-character walk only for payloads that cannot hold one', () => {
  it('any string with a control character, however its JSON is spelled, is seen in the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (value, escapeAt, upper) => {
          const text = spelled(value, escapeAt, upper);
          expect(JSON.parse(text)).toBe(value);
          if (hasControlCharacters(value)) expect(jsonMayHoldControlCharacters(text)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a view submitted with only plain text, newlines and tabs is not walked; a NUL, \\r or DEL is', () => {
    const payload = (name: string) =>
      Buffer.from(
        `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', view: { state: { values: { name: { v: { value: name } } } } } }))}`,
      );
    const read = (name: string) => {
      const body = readBody('application/x-www-form-urlencoded', payload(name));
      return body.kind === 'object' ? body.mayHoldControlCharacters : null;
    };
    expect(read('Acme "Industrial" \\ Ltd\nline two\ttab')).toBe(false);
    for (const name of ['Nul\u0000', 'cr\r', 'del\u007f', 'bell\u0007']) expect(read(name)).toBe(true);
  });

  it('a slash command, sent as form fields, is always walked', () => {
    const body = readBody('application/x-www-form-urlencoded', Buffer.from('command=%2Forder&text=hello'));
    expect(body).toMatchObject({ kind: 'object', mayHoldControlCharacters: true });
  });
});
