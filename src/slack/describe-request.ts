/** What kind of Slack request a payload is, for logs and metrics. */
export type RequestKind = 'command' | 'action' | 'view' | 'options' | 'shortcut' | 'event' | 'other';

export interface RequestSummary {
  kind: RequestKind;
  /** The command's name, the action_id, the view's callback_id, or the event's type. */
  id: string;
  user: string | null;
}

/**
 * Reads a payload's kind, id and user without trusting its shape: a request that reaches the
 * middleware is logged even when fields are missing or of the wrong type.
 */
export function describeRequest(body: unknown): RequestSummary {
  const command = text(body, 'command');
  if (command) return { kind: 'command', id: command, user: text(body, 'user_id') };
  const user = text(field(body, 'user'), 'id');
  switch (text(body, 'type')) {
    case 'block_actions':
      return { kind: 'action', id: text(first(field(body, 'actions')), 'action_id') ?? '', user };
    case 'view_submission':
    case 'view_closed':
      return { kind: 'view', id: text(field(body, 'view'), 'callback_id') ?? '', user };
    case 'block_suggestion':
      return { kind: 'options', id: text(body, 'action_id') ?? '', user };
    case 'shortcut':
    case 'message_action':
      return { kind: 'shortcut', id: text(body, 'callback_id') ?? '', user };
    case 'event_callback': {
      const event = field(body, 'event');
      return { kind: 'event', id: text(event, 'type') ?? '', user: text(event, 'user') };
    }
    default:
      return { kind: 'other', id: text(body, 'type') ?? '', user };
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function text(value: unknown, key: string): string | null {
  const found = field(value, key);
  return typeof found === 'string' ? found : null;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : undefined;
}
