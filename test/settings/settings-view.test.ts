import { describe, expect, it } from 'vitest';
import type { DepartmentSummary, PersonSummary } from '../../src/settings/settings-queries.ts';
import { buildSettingsView, DEPARTMENTS_PER_PAGE } from '../../src/settings/settings-view.ts';

const department = (i: number): DepartmentSummary => ({
  id: i,
  key: `dept-${i}`,
  name: `Department ${i}`,
  channelId: `C0${i}`,
  dailyCapacity: i % 2 ? 10 : 0,
  capacityUnit: 'orders',
  managerId: null,
  people: i % 3,
});
const person = (i: number): PersonSummary => ({
  slackUserId: `U0P${i}`,
  name: `Person ${i}`,
  roles: ['member'],
  departmentName: 'Production',
  away: false,
});

type Shown = { blocks: { type: string; text?: { text: string }; elements?: { value?: string }[] }[] };
const settings = (departments: number, people: number, page = 0) =>
  buildSettingsView(
    {
      departments: Array.from({ length: departments }, (_, i) => department(i + 1)),
      people: Array.from({ length: people }, (_, i) => person(i + 1)),
      deskChannels: { exceptions: 'C0EXCEPT', managers: null },
    },
    { page },
  ) as unknown as Shown;

describe('the Settings modal', () => {
  it('a workspace with 85 departments and 500 people stays inside Slack’s limits: departments come a page at a time', () => {
    const first = settings(85, 500);
    expect(first.blocks.length).toBeLessThanOrEqual(100);
    const edits = (v: Shown) =>
      v.blocks.filter((b) => b.type === 'section' && b.text?.text.includes('`dept-'));
    expect(edits(first)).toHaveLength(DEPARTMENTS_PER_PAGE);
    const last = settings(85, 500, 2);
    expect(edits(last)).toHaveLength(5);
    expect(JSON.stringify(last.blocks)).toContain('Page 3 of 3');
    const people = first.blocks.find((b) => b.text?.text.includes('<@U0P1>'));
    expect(people?.text?.text.length).toBeLessThanOrEqual(3000);
    expect(people?.text?.text).toMatch(/…and \d+ more: pick anyone above to see them\.$/);
  });

  it('a page past the end shows the last page; a capacity of 0 reads as no daily limit', () => {
    const view = settings(3, 0, 9);
    const text = JSON.stringify(view.blocks);
    expect(text).not.toContain('Page ');
    expect(text).toContain('<#C02> · no daily limit · no manager · 2 people');
    expect(text).toContain('<#C01> · 10 orders a day · no manager · 1 person');
  });
});
