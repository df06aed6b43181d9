import {
  type Block,
  context,
  divider,
  escapeMrkdwn,
  header,
  mention,
  plain,
  section,
} from '../blocks/block-kit.ts';
import {
  type DeskChannelChoice,
  type DeskChannelPurpose,
  deskChannelPurposes,
} from './desk-channels-form.ts';
import { settingsIds } from './settings-ids.ts';
import type { DepartmentSummary, PersonSummary, SettingsData } from './settings-queries.ts';

/**
 * Departments shown a page at a time: one block each, so the modal stays far inside Slack's
 * 100 blocks whatever the number of departments.
 */
export const DEPARTMENTS_PER_PAGE = 40;
/** The people list is one section; its text stays under Slack's 3,000 characters. */
const PEOPLE_TEXT_BUDGET = 2800;

/** Where the Settings modal is: which page of departments it shows. Kept in private_metadata. */
export interface SettingsPlace {
  page: number;
}

export function capacityWords(d: Pick<DepartmentSummary, 'dailyCapacity' | 'capacityUnit'>): string {
  return d.dailyCapacity > 0 ? `${d.dailyCapacity} ${d.capacityUnit} a day` : 'no daily limit';
}

function departmentBlock(d: DepartmentSummary): Block {
  const facts = [
    d.channelId ? `<#${d.channelId}>` : 'no channel',
    capacityWords(d),
    d.managerId ? `manager ${mention(d.managerId)}` : 'no manager',
    d.people === 1 ? '1 person' : `${d.people} people`,
  ];
  return {
    ...section(`*${escapeMrkdwn(d.name)}* \`${d.key}\`\n${facts.join(' · ')}`, `department.${d.key}`),
    accessory: {
      type: 'button',
      action_id: settingsIds.editDepartment,
      text: plain('Edit'),
      value: d.key,
    },
  };
}

function personLine(p: PersonSummary): string {
  const roles = p.roles.length ? p.roles.join(', ') : 'viewer';
  const where = p.departmentName ? ` · ${escapeMrkdwn(p.departmentName)}` : '';
  return `${mention(p.slackUserId)} — ${roles}${where}${p.away ? ' · :palm_tree: away' : ''}`;
}

/** As many people as fit, then how many more there are; a cut mid-mention would show raw ids. */
function peopleText(list: readonly PersonSummary[]): string {
  const lines: string[] = [];
  let used = 0;
  for (const p of list) {
    const line = personLine(p);
    if (used + line.length + 1 > PEOPLE_TEXT_BUDGET) break;
    lines.push(line);
    used += line.length + 1;
  }
  const more = list.length - lines.length;
  if (more > 0) lines.push(`…and ${more} more: pick anyone above to see them.`);
  return lines.join('\n');
}

function deskChannelsText(channels: DeskChannelChoice): string {
  return (Object.keys(deskChannelPurposes) as DeskChannelPurpose[])
    .map((purpose) => {
      const id = channels[purpose];
      return `*${deskChannelPurposes[purpose].label}*: ${id ? `<#${id}>` : '_none_'}`;
    })
    .join('\n');
}

function pageButtons(page: number, pages: number): Block[] {
  if (pages <= 1) return [];
  const button = (label: string, to: number) => ({
    type: 'button',
    action_id: `${settingsIds.page}.${to < page ? 'previous' : 'next'}`,
    text: plain(label),
    value: String(to),
  });
  const elements = [
    ...(page > 0 ? [button('Previous', page - 1)] : []),
    ...(page < pages - 1 ? [button('Next', page + 1)] : []),
  ];
  return [
    context([`Page ${page + 1} of ${pages}`], 'departments.page'),
    { type: 'actions', block_id: 'departments.pages', elements },
  ];
}

/** The Settings modal: the departments (a page of them) with Edit, Add department, the desk's channels, and the people. */
export function buildSettingsView(data: SettingsData, place: SettingsPlace): Record<string, unknown> {
  const pages = Math.max(1, Math.ceil(data.departments.length / DEPARTMENTS_PER_PAGE));
  const page = Math.min(Math.max(0, place.page), pages - 1);
  const shown = data.departments.slice(page * DEPARTMENTS_PER_PAGE, (page + 1) * DEPARTMENTS_PER_PAGE);
  const blocks: Block[] = [
    header('Departments', 'departments'),
    ...(shown.length
      ? shown.map(departmentBlock)
      : [context(['No departments yet. Add the first one: each gets a channel for its order cards.'])]),
    ...pageButtons(page, pages),
    {
      type: 'actions',
      block_id: 'departments.add',
      elements: [
        { type: 'button', action_id: settingsIds.addDepartment, text: plain('Add department'), value: 'add' },
      ],
    },
    divider(),
    header('Desk channels', 'desk_channels'),
    {
      ...section(deskChannelsText(data.deskChannels), 'desk_channels.list'),
      accessory: {
        type: 'button',
        action_id: settingsIds.editChannels,
        text: plain('Edit'),
        value: 'channels',
      },
    },
    divider(),
    header('People', 'people'),
    {
      type: 'actions',
      block_id: 'people.pick',
      elements: [
        {
          type: 'users_select',
          action_id: settingsIds.pickPerson,
          placeholder: plain('Set up a person…'),
        },
      ],
    },
    data.people.length
      ? section(peopleText(data.people), 'people.list')
      : context(['Nobody has a role yet: everyone is a viewer.'], 'people.list'),
  ];
  return {
    type: 'modal',
    callback_id: settingsIds.callbackId,
    private_metadata: JSON.stringify({ page } satisfies SettingsPlace),
    title: plain('Settings', 24),
    close: plain('Done', 24),
    blocks,
  };
}
