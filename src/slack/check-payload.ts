import { refuseOrStripControlCharacters } from './control-characters.ts';
import { type Envelope, readEnvelope } from './envelope.ts';

export type CheckedPayload =
  | { envelope: Envelope }
  /** Not handled: answered with this (null: an empty 200), for the reason given. */
  | { answer: Record<string, unknown> | null; why: string };

/**
 * Everything the edge checks in a signed body before any handler runs. The control characters
 * are looked for only where the body may hold one (request-body.ts knows from its JSON text).
 */
export function checkPayload(body: Record<string, unknown>, mayHoldControlCharacters = true): CheckedPayload {
  const envelope = readEnvelope(body);
  if ('refused' in envelope) return { answer: null, why: envelope.refused };
  const refusal = mayHoldControlCharacters ? refuseOrStripControlCharacters(envelope) : null;
  if (refusal) return { answer: refusal.ack, why: 'control characters in typed text' };
  return { envelope };
}
