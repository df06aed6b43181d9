import { z } from 'zod';
import { parseUserRef } from '../slack/command-text.ts';
import type { FeatureDeps, SlackFeature } from '../slack/feature.ts';
import { type CommandRequest, type SubcommandTexts, subcommandsOf } from '../slack/subcommand.ts';
import { grantRole, revokeRole } from './grant-role.ts';
import { roles } from './roles.ts';

const roleChangeArgs = z.object({
  userId: z.string({ error: 'say who: mention the person, like @dana' }).transform((token, ctx) => {
    const id = parseUserRef(token);
    if (!id)
      ctx.addIssue({ code: 'custom', message: `"${token}" is not a person: mention them, like @dana` });
    return id ?? '';
  }),
  role: z.enum(roles, { error: `the role must be one of ${roles.join(', ')}` }),
  departmentKey: z.string().toLowerCase().optional(),
});

function parseRoleChange(text: string, usage: string) {
  const [userId, role, departmentKey] = text.split(/\s+/).filter(Boolean);
  const parsed = roleChangeArgs.safeParse({ userId, role, departmentKey });
  if (parsed.success) return { ok: true as const, value: parsed.data };
  const problems = parsed.error.issues.map((i) => i.message);
  return { ok: false as const, text: `:warning: ${problems.join('; ')}. Usage: \`/order ${usage}\`` };
}

const grantUsage = 'grant @person admin|manager|member|viewer [department]';
const revokeUsage = 'revoke @person admin|manager|member|viewer';

export const rolesCommands = {
  grant: {
    usage: grantUsage,
    example: '/order grant @dana member production',
    summary: 'give someone a role (admins only)',
  },
  revoke: {
    usage: revokeUsage,
    example: '/order revoke @dana manager',
    summary: 'take a role away (admins only)',
  },
} satisfies SubcommandTexts;

/** `/order grant` and `/order revoke`: admins hand out every other role from Slack. */
export function rolesFeature({ ctx }: FeatureDeps): SlackFeature {
  async function grantCommand(req: CommandRequest) {
    const parsed = parseRoleChange(req.args, grantUsage);
    if (!parsed.ok) return req.reply({ text: parsed.text });
    const { userId } = parsed.value;
    const { roles: now, replaced } = await grantRole(ctx, await req.actor(), parsed.value);
    const instead = replaced.length ? ` (replaces ${replaced.join(', ')}: a viewer holds no other role)` : '';
    await req.reply({ text: `:white_check_mark: <@${userId}> now has: ${now.join(', ')}${instead}.` });
  }

  async function revokeCommand(req: CommandRequest) {
    const parsed = parseRoleChange(req.args, revokeUsage);
    if (!parsed.ok) return req.reply({ text: parsed.text });
    const { userId, role } = parsed.value;
    const left = await revokeRole(ctx, await req.actor(), userId, role);
    await req.reply({
      text: `:white_check_mark: <@${userId}> now has: ${left.join(', ') || 'no roles (viewer)'}.`,
    });
  }

  return { subcommands: subcommandsOf(rolesCommands, { grant: grantCommand, revoke: revokeCommand }) };
}
