import { formatIssue, LIMITS, summedBlockText, validateMessageBlocks } from './block-kit-limits.ts';
import { SlackApiError } from './errors.ts';
import type { IdFactory } from './ids.ts';
import type { Json } from './types.ts';

/**
 * The content rules every message path shares (chat.postMessage, chat.update, chat.postEphemeral,
 * response_url), in the order Slack applies them.
 */

export interface MessageContent {
  text: string;
  blocks?: Json[];
  attachments?: Json[];
  /** Set when `text` was cut to 40,000 characters; the response then carries a warning. */
  truncated: boolean;
}

export function checkMessageContent(input: Json, ids: IdFactory): MessageContent {
  const text = typeof input.text === 'string' ? input.text : '';
  const blocks = input.blocks;
  const attachments = input.attachments;
  if (blocks !== undefined && !Array.isArray(blocks)) throw new SlackApiError('invalid_blocks_format');
  if (attachments !== undefined && !Array.isArray(attachments))
    throw new SlackApiError('invalid_attachments');
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (text === '' && !hasBlocks && !(Array.isArray(attachments) && attachments.length > 0)) {
    throw new SlackApiError('no_text');
  }
  if (hasBlocks) {
    const issues = validateMessageBlocks(blocks).map(formatIssue);
    if (issues.length > 0) {
      throw new SlackApiError('invalid_blocks', {
        errors: issues,
        response_metadata: { messages: issues.map((m) => `[ERROR] ${m}`) },
      });
    }
    if (summedBlockText(blocks) > LIMITS.summedBlockText) throw new SlackApiError('msg_blocks_too_long');
  }
  const truncated = text.length > LIMITS.messageText;
  return {
    text: truncated ? text.slice(0, LIMITS.messageText) : text,
    ...(hasBlocks ? { blocks: withBlockIds(blocks as Json[], ids) } : {}),
    ...(Array.isArray(attachments) ? { attachments: attachments as Json[] } : {}),
    truncated,
  };
}

/** The extra response fields Slack adds when it cut the text. */
export function truncationWarning(content: MessageContent): Json {
  if (!content.truncated) return {};
  return {
    warning: 'message_truncated',
    response_metadata: {
      warnings: ['message_truncated'],
      messages: ['[WARN] Your message was truncated to 40000 characters.'],
    },
  };
}

/** Slack gives every block without a `block_id` a generated one, and interactions report it. */
export function withBlockIds(blocks: Json[], ids: IdFactory): Json[] {
  return blocks.map((block) =>
    block.block_id === undefined ? { ...block, block_id: ids.next('b') } : block,
  );
}
