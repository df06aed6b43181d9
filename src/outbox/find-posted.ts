import type { WebClient } from '@slack/web-api';

/** The `event_type` of the metadata every outbox post carries, naming the row that posted it. */
export const effectEventType = 'orderdesk_effect';

export function effectMetadata(outboxId: number) {
  return { event_type: effectEventType, event_payload: { outbox_id: outboxId } };
}

/**
 * How far before the first attempt to look: Slack stamps `ts` with its own clock, which may run
 * a little behind ours.
 */
export const lookupMarginMs = 2 * 60_000;

/** Slack pages history by 200 at most; a channel paced at one post a second fills 10 pages in half an hour. */
const pageSize = 200;
const maxPages = 10;

export interface Found {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: { outbox_id?: unknown } };
  files?: { id?: string }[];
}

export function postedBy(message: Found, outboxId: number): boolean {
  return (
    message.metadata?.event_type === effectEventType &&
    Number(message.metadata.event_payload?.outbox_id) === outboxId
  );
}

/**
 * The ts of the message an earlier attempt of this row posted, if Slack has it. Top-level posts
 * are in conversations.history; thread replies only in conversations.replies of their thread.
 * Metadata comes back only with `include_all_metadata`.
 */
export async function findPosted(
  client: WebClient,
  where: {
    channel: string;
    outboxId: number;
    since: Date;
    threadTs?: string;
    /** What marks the row's message, when not its metadata (a file share carries none). */
    match?: (message: Found) => boolean;
  },
): Promise<string | null> {
  const isMine = where.match ?? ((m: Found) => postedBy(m, where.outboxId));
  const oldest = ((where.since.getTime() - lookupMarginMs) / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const args = {
      channel: where.channel,
      oldest,
      limit: pageSize,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    };
    const result = (
      where.threadTs
        ? await client.apiCall('conversations.replies', { ...args, ts: where.threadTs })
        : await client.apiCall('conversations.history', args)
    ) as { messages?: Found[]; response_metadata?: { next_cursor?: string } };
    const mine = result.messages?.find(isMine);
    if (mine?.ts) return mine.ts;
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}
