import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { ChannelLookup } from './seed-demo-data.ts';

const page = z.object({
  channels: z.array(z.object({ id: z.string(), name: z.string().optional() })).default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/**
 * Finds channels by name with `conversations.list`, page by page. Private channels show only
 * when the bot is in them, which is also when it could post there.
 */
export function slackChannelLookup(client: WebClient): ChannelLookup {
  return async (names) => {
    const wanted = new Set(names);
    const found = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const raw = await client.apiCall('conversations.list', {
        types: 'public_channel,private_channel',
        exclude_archived: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      const { channels, response_metadata } = page.parse(raw);
      for (const c of channels) if (c.name && wanted.has(c.name)) found.set(c.name, c.id);
      cursor = response_metadata?.next_cursor || undefined;
    } while (cursor && found.size < wanted.size);
    return found;
  };
}
