import { SlackApiError } from './errors.ts';
import { int, str } from './http-args.ts';
import type { Json } from './types.ts';

const MAX_LIMIT = 1000;

/**
 * Cursor pagination as Slack does it: an opaque base64 `next_cursor`, empty on the last page, and
 * `invalid_cursor` for anything the server did not hand out.
 */
export function paginate<T>(items: T[], args: Json, defaultLimit = 100): { page: T[]; next_cursor: string } {
  const requested = int(args, 'limit');
  const limit = Math.min(requested && requested > 0 ? requested : defaultLimit, MAX_LIMIT);
  const start = decodeCursor(str(args, 'cursor'));
  const end = start + limit;
  return { page: items.slice(start, end), next_cursor: end < items.length ? encodeCursor(end) : '' };
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match?.[1]) throw new SlackApiError('invalid_cursor');
  return Number(match[1]);
}
