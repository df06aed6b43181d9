/**
 * Characters that show nothing: white space, format characters (zero-width space and joiners,
 * the byte-order mark, direction marks, soft hyphen), variation selectors and the blank fillers
 * some keyboards and pastes produce (Hangul fillers, the blank Braille pattern).
 */
const invisible =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each is matched alone; a mark with nothing visible to join shows nothing
  /^[\s\p{Z}\p{Cf}\p{Cc}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0\u{e0100}-\u{e01ef}]*$/u;

/** True when text would look empty on a card, however many characters it holds. */
export const showsNothing = (text: string): boolean => invisible.test(text);
