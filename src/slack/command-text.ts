/**
 * Slash command text arrives escaped (should_escape: true): `&`, `<`, `>` as entities, and
 * mentions as `<@U123|dana>`. These helpers read it back.
 */
export function unescapeSlack(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** The user id in `<@U123|dana>`, `<@U123>` or a bare `U123`; null for anything else. */
export function parseUserRef(token: string): string | null {
  const match = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(token) ?? /^([UW][A-Z0-9]{2,})$/.exec(token);
  return match?.[1] ?? null;
}

/** Splits off the first word: `new ACME 10 x A` → ['new', 'ACME 10 x A']. */
export function splitFirstWord(text: string): [string, string] {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  return space === -1 ? [trimmed, ''] : [trimmed.slice(0, space), trimmed.slice(space + 1).trim()];
}
