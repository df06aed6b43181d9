import { z } from 'zod';

/**
 * The outer shape of every payload kind orderdesk handles, checked before Bolt sees the body:
 * Bolt reads `event.type`, `user.id`, `team.id`, `channel.id`, `view.callback_id` and
 * `actions[0]` without looking, so a signed payload with one of them missing or null used to
 * throw inside Bolt (HTTP 500) or match nothing (Bolt's 3-second wait, then 404). Fields are
 * checked where they are read; everything else passes through for the handlers.
 */
const slackId = z.string().min(1).max(255);
const team = z.looseObject({ id: slackId });
const user = z.looseObject({ id: slackId, team_id: slackId.optional() });
const channel = z.looseObject({ id: slackId });

const interaction = {
  team,
  user,
  channel: channel.optional(),
  enterprise: z.looseObject({ id: slackId }).nullish(),
};

const view = z.looseObject({
  id: slackId,
  callback_id: z.string().max(255),
  private_metadata: z.string().max(3000).default(''),
  state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), z.looseObject({}))) }).optional(),
  app_installed_team_id: slackId.optional(),
});

const command = z.looseObject({
  command: z.string().regex(/^\/\S{1,32}$/),
  // No length limit here: refused at the edge, a long line would vanish without a word; the
  // handlers say what they took and what they left (the request body limit bounds it anyway).
  text: z.string().default(''),
  user_id: slackId,
  team_id: slackId,
  channel_id: slackId,
  trigger_id: z.string().min(1),
  response_url: z.string().min(1),
  enterprise_id: slackId.optional(),
});

const blockAction = z.looseObject({
  type: z.literal('block_actions'),
  ...interaction,
  actions: z
    .array(
      z.looseObject({
        type: z.string(),
        action_id: z.string().max(255),
        block_id: z.string().max(255).optional(),
        value: z.string().max(2000).optional(),
      }),
    )
    .min(1),
  view: view.optional(),
});

const viewPayload = z.looseObject({
  type: z.enum(['view_submission', 'view_closed']),
  ...interaction,
  view,
});

const suggestion = z.looseObject({
  type: z.literal('block_suggestion'),
  ...interaction,
  action_id: z.string().max(255),
  block_id: z.string().max(255),
  value: z.string().max(2000),
  view: view.optional(),
});

const shortcut = z.looseObject({
  type: z.enum(['shortcut', 'message_action']),
  ...interaction,
  callback_id: z.string().max(255),
  trigger_id: z.string().min(1),
});

/** The one event orderdesk subscribes to (manifest.yml); any other is acknowledged and dropped. */
const homeOpened = z.looseObject({
  type: z.literal('event_callback'),
  team_id: slackId,
  event_id: slackId,
  authorizations: z.array(z.looseObject({ team_id: slackId.nullable().optional() })).optional(),
  event: z.looseObject({
    type: z.literal('app_home_opened'),
    user: slackId,
    channel: slackId,
    tab: z.string(),
    view: z.looseObject({}).optional(),
  }),
});

export type Envelope =
  | { kind: 'command'; body: z.infer<typeof command> }
  | { kind: 'block_actions'; body: z.infer<typeof blockAction> }
  | { kind: 'view'; body: z.infer<typeof viewPayload> }
  | { kind: 'block_suggestion'; body: z.infer<typeof suggestion> }
  | { kind: 'shortcut'; body: z.infer<typeof shortcut> }
  | { kind: 'home_opened'; body: z.infer<typeof homeOpened> };

const boltKindFields = [
  ['event', 'event_callback'],
  ['name', 'block_suggestion'],
  ['actions', 'block_actions'],
] as const;

/** Why a signed body is answered with an empty 200 and nothing is done. */
export type Refusal = { refused: string };

/**
 * Reads what kind of payload a signed body is and checks its envelope. A slash command whose
 * fields are well-formed but whose workspace is missing never gets here: `team_id` is required
 * like every other field Bolt and the handlers read.
 */
export function readEnvelope(body: Record<string, unknown>): Envelope | Refusal {
  if ('command' in body) return parsed('command', command, body);
  // Bolt tells kinds apart by these fields before it looks at `type`; a payload whose fields and
  // type disagree would reach a handler as one kind with the arguments of another.
  for (const [field, type] of boltKindFields) {
    if (field in body && body.type !== type)
      return { refused: `a ${String(body.type)} payload with ${field}` };
  }
  switch (body.type) {
    case 'block_actions':
      return parsed('block_actions', blockAction, body);
    case 'view_submission':
    case 'view_closed':
      return parsed('view', viewPayload, body);
    case 'block_suggestion':
      return parsed('block_suggestion', suggestion, body);
    case 'shortcut':
    case 'message_action':
      return parsed('shortcut', shortcut, body);
    case 'event_callback': {
      const event = body.event as { type?: unknown } | null | undefined;
      if (typeof event !== 'object' || event === null || event.type !== 'app_home_opened') {
        return { refused: 'an event orderdesk does not subscribe to' };
      }
      return parsed('home_opened', homeOpened, body);
    }
    default:
      return { refused: `a payload of unknown type ${JSON.stringify(String(body.type)).slice(0, 60)}` };
  }
}

function parsed<K extends Envelope['kind']>(
  kind: K,
  schema: z.ZodType,
  body: Record<string, unknown>,
): Envelope | Refusal {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { refused: `a ${kind} payload with ${issue?.path.join('.') || 'its body'}: ${issue?.message}` };
  }
  const data = result.data as { user?: { team_id?: string }; team?: { id: string } };
  // Handlers check the person's own workspace (user.team_id, which differs for a Slack Connect
  // guest); when Slack leaves it out, the payload's workspace is the person's.
  if (data.user && data.team) data.user.team_id ??= data.team.id;
  return { kind, body: data } as Envelope;
}
