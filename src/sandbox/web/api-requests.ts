import { z } from 'zod';

/**
 * What the page may ask of the sandbox server. Every request names the person acting, so two
 * tabs can play two people; the server checks nothing else about them, as Slack would not.
 */

const userId = z.string().regex(/^[UW][A-Z0-9]+$/, 'a Slack user id');
/** View state as the page collected it: `{ [block_id]: { [action_id]: Slack's state object } }`. */
const values = z.record(z.string(), z.record(z.string(), z.unknown())).optional();

export const commandRequest = z.object({
  user: userId,
  channel: z.string().min(1),
  text: z.string().max(4000),
});

export const actionRequest = z.object({
  user: userId,
  where: z.union([
    z.object({ message: z.object({ channel: z.string(), ts: z.string() }) }),
    z.object({ ephemeral: z.string() }),
    z.object({ view: z.string() }),
  ]),
  block_id: z.string(),
  action_id: z.string(),
  value: z.unknown().optional(),
  values,
});

export const suggestRequest = z.object({
  user: userId,
  view: z.string(),
  block_id: z.string(),
  action_id: z.string(),
  value: z.string().max(500),
});

export const submitRequest = z.object({ user: userId, view: z.string(), values });

export const closeRequest = z.object({ user: userId, view: z.string(), clear: z.boolean().optional() });

export const userRequest = z.object({ user: userId });

export const dismissRequest = z.object({ user: userId, ts: z.string() });
