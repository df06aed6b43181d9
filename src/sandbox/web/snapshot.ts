import { eq } from 'drizzle-orm';
import { departments, people } from '../../db/schema.ts';
import type { CommandHint } from '../command-hints.ts';
import type { FakeChannel, FakeEphemeral, FakeMessage, FakeView } from '../fake-slack/index.ts';
import type { SandboxWorld } from '../sandbox-world.ts';

/** Someone the page can act as, with what orderdesk knows of them. */
export interface SandboxPerson {
  id: string;
  name: string;
  handle: string;
  /** "Admin", "Finance · member"…: what they may do, for the user switcher. */
  role: string;
}

export interface SandboxConversation {
  id: string;
  name: string;
  kind: 'channel' | 'app';
  purpose: string;
  /** The newest message or ephemeral this person sees outside threads; for unread markers. */
  latest: string | null;
}

/** Everything the page shows one person, read from the fake workspace and the people table. */
export interface SandboxState {
  me: string;
  bot: { id: string; name: string };
  people: SandboxPerson[];
  /** Every user by id, bots included, for mentions and the users select. */
  users: Record<string, { name: string; handle: string; isBot: boolean }>;
  conversations: SandboxConversation[];
  /** The open conversation's messages (replies included) and this person's ephemerals in it. */
  open: { id: string; messages: FakeMessage[]; ephemerals: FakeEphemeral[] } | null;
  /** This person's modal stack, root first, and the errors shown under each view's inputs. */
  modal: { views: FakeView[]; errors: Record<string, Record<string, string>> };
  home: FakeView | null;
  hints: CommandHint[];
}

export async function snapshotFor(world: SandboxWorld, me: string, openId?: string): Promise<SandboxState> {
  const { slack } = world;
  const bot = slack.workspace.user(slack.botUserId);
  const users = Object.fromEntries(
    slack.workspace
      .users()
      .map((u) => [u.id, { name: u.real_name || u.name, handle: u.name, isBot: u.is_bot }]),
  );
  const dm = slack.workspace.openIm(me).channel;
  const channels = slack.workspace
    .channels()
    .filter((c) => !c.is_im && !c.is_mpim && !c.is_archived && c.members.includes(me))
    .sort((a, b) => a.name.localeCompare(b.name));
  const conversations: SandboxConversation[] = [
    ...channels.map((c) => conversation(world, me, c, 'channel')),
    conversation(world, me, dm, 'app'),
  ];
  const open = conversations.find((c) => c.id === openId);
  const views = slack.views.stack(me);
  return {
    me,
    bot: { id: slack.botUserId, name: bot?.name ?? 'orderdesk' },
    people: await peopleOf(world),
    users,
    conversations,
    open: open
      ? {
          id: open.id,
          messages: slack.messages(open.id),
          ephemerals: slack.workspace.ephemerals({ channel: open.id, user: me }),
        }
      : null,
    modal: { views, errors: Object.fromEntries(views.map((v) => [v.id, slack.views.errors(v.id)])) },
    home: slack.views.home(me) ?? null,
    hints: world.hints,
  };
}

function conversation(
  world: SandboxWorld,
  me: string,
  channel: FakeChannel,
  kind: SandboxConversation['kind'],
): SandboxConversation {
  const top = world.slack
    .messages(channel.id)
    .filter((m) => m.user !== me && (m.thread_ts === undefined || m.thread_ts === m.ts))
    .map((m) => m.ts);
  const mine = world.slack.workspace
    .ephemerals({ channel: channel.id, user: me })
    .filter((e) => !e.thread_ts)
    .map((e) => e.ts);
  const latest = [...top, ...mine].sort().at(-1) ?? null;
  const name =
    kind === 'app' ? (world.slack.workspace.user(world.slack.botUserId)?.name ?? 'orderdesk') : channel.name;
  return { id: channel.id, name, kind, purpose: channel.purpose, latest };
}

/** The people of the fake workspace, in the order orderdesk knows them, with their roles. */
async function peopleOf(world: SandboxWorld): Promise<SandboxPerson[]> {
  const rows = await world.desk.ctx.db
    .select({ id: people.slackUserId, roles: people.roles, department: departments.name })
    .from(people)
    .leftJoin(departments, eq(departments.id, people.departmentId));
  const known = new Map(rows.map((r) => [r.id, r]));
  return world.slack.workspace
    .users()
    .filter((u) => !u.is_bot && !u.deleted)
    .map((u) => {
      const row = known.get(u.id);
      return { id: u.id, name: u.real_name || u.name, handle: u.name, role: roleLabel(row) };
    });
}

function roleLabel(row: { roles: string[]; department: string | null } | undefined): string {
  if (!row || row.roles.length === 0) return 'Viewer';
  const roles = row.roles.map((r) => r[0]?.toUpperCase() + r.slice(1)).join(', ');
  return row.department ? `${row.department} · ${roles.toLowerCase()}` : roles;
}
