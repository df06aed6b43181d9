import { escapeMrkdwn } from '../blocks/block-kit.ts';
import type { FieldChange } from './change-diff.ts';

/** "• line 1 (WIDGET-A) quantity: 100 → 150", one bullet per field, for thread lines and DMs. */
export function diffLines(diff: readonly FieldChange[]): string {
  return diff
    .map((d) => `• ${escapeMrkdwn(d.field)}: ${escapeMrkdwn(d.before)} → ${escapeMrkdwn(d.after)}`)
    .join('\n');
}

/** "Production and Finance", for who is asked. */
export function andList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
