import type { types } from '@slack/bolt';

/**
 * Small, pure Block Kit builders shared by every feature's views. They keep text inside Slack's
 * limits (Slack's Block Kit reference) so a long customer name can never make Slack reject a card.
 */
export type Block = Record<string, unknown>;

/**
 * A view the builders made, as the Web API client's types name it. The builders return plain
 * objects; what Slack would refuse is caught by the fake Slack's Block Kit checks in the tests,
 * which know Slack's limits, rather than by these types, which do not.
 */
export const asView = (view: object): types.View => view as types.View;

const limits = { section: 3000, field: 2000, header: 150, context: 2000, button: 75, plain: 150 } as const;

/** Escapes what Slack would read as markup, so typed text cannot mention @channel or forge links. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export const mrkdwn = (text: string, max: number = limits.section) => ({
  type: 'mrkdwn' as const,
  text: truncate(text, max),
});
export const plain = (text: string, max: number = limits.plain) => ({
  type: 'plain_text' as const,
  text: truncate(text, max),
  emoji: true,
});

export const header = (text: string, blockId?: string): Block => ({
  type: 'header',
  ...(blockId ? { block_id: blockId } : {}),
  text: plain(text, limits.header),
});

export const section = (text: string, blockId?: string): Block => ({
  type: 'section',
  ...(blockId ? { block_id: blockId } : {}),
  text: mrkdwn(text || ' '),
});

export const fields = (items: string[], blockId?: string): Block => ({
  type: 'section',
  ...(blockId ? { block_id: blockId } : {}),
  fields: items.slice(0, 10).map((f) => mrkdwn(f || ' ', limits.field)),
});

export const context = (items: string[], blockId?: string): Block => ({
  type: 'context',
  ...(blockId ? { block_id: blockId } : {}),
  elements: items.slice(0, 10).map((t) => mrkdwn(t || ' ', limits.context)),
});

export const divider = (): Block => ({ type: 'divider' });

/** A date Slack shows in each reader's own time zone, with a plain fallback. */
export function slackDate(at: Date, format = '{date_short_pretty} {time}'): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `<!date^${seconds}^${format}|${at.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

export const mention = (userId: string) => `<@${userId}>`;
