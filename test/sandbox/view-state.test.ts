import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/sandbox/fake-slack/index.ts';
import { buildState } from '../../src/sandbox/view-state.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const option = (value: string) => ({ text: plain(value.toUpperCase()), value });
const input = (block_id: string, element: Json): Json => ({
  type: 'input',
  block_id,
  label: plain(block_id),
  element,
});

const blocks: Json[] = [
  input('note', { type: 'plain_text_input', action_id: 'v', initial_value: 'urgent' }),
  input('qty', { type: 'number_input', action_id: 'v', is_decimal_allowed: false }),
  input('product', { type: 'static_select', action_id: 'v', options: [option('bolt'), option('nut')] }),
  input('extras', { type: 'checkboxes', action_id: 'v', options: [option('gift'), option('rush')] }),
  input('owner', { type: 'users_select', action_id: 'v' }),
  input('due', { type: 'datepicker', action_id: 'v' }),
  input('at', { type: 'timepicker', action_id: 'v', timezone: 'Europe/London' }),
  { type: 'actions', block_id: 'tools', elements: [{ type: 'button', action_id: 'b', text: plain('B') }] },
];

describe('buildState', () => {
  it('reports every input as Slack does: untouched ones with their initial value or null', () => {
    expect(buildState(blocks, {}, {})).toEqual({
      note: { v: { type: 'plain_text_input', value: 'urgent' } },
      qty: { v: { type: 'number_input', value: null } },
      product: { v: { type: 'static_select', selected_option: null } },
      extras: { v: { type: 'checkboxes', selected_options: [] } },
      owner: { v: { type: 'users_select', selected_user: null } },
      due: { v: { type: 'datepicker', selected_date: null } },
      at: { v: { type: 'timepicker', selected_time: null, timezone: 'Europe/London' } },
    });
  });

  it('turns plain values into the state objects of each element type', () => {
    const state = buildState(
      blocks,
      {},
      {
        qty: { v: 12 },
        product: { v: 'nut' },
        extras: { v: ['gift', 'rush'] },
        owner: { v: 'U1' },
        due: { v: '2026-12-01' },
        at: { v: '09:30' },
      },
    );

    expect(state.qty?.v).toEqual({ type: 'number_input', value: '12' });
    expect(state.product?.v).toEqual({ type: 'static_select', selected_option: option('nut') });
    expect(state.extras?.v).toEqual({
      type: 'checkboxes',
      selected_options: [option('gift'), option('rush')],
    });
    expect(state.owner?.v).toEqual({ type: 'users_select', selected_user: 'U1' });
    expect(state.due?.v).toEqual({ type: 'datepicker', selected_date: '2026-12-01' });
    expect(state.at?.v).toEqual({ type: 'timepicker', selected_time: '09:30', timezone: 'Europe/London' });
  });

  it('keeps earlier input and takes Slack-shaped values as they are', () => {
    const earlier = { note: { v: { type: 'plain_text_input', value: 'typed before' } } };
    const state = buildState(blocks, earlier, {
      owner: { v: { type: 'users_select', selected_user: 'U2' } },
    });
    expect(state.note?.v).toEqual({ type: 'plain_text_input', value: 'typed before' });
    expect(state.owner?.v).toEqual({ type: 'users_select', selected_user: 'U2' });
  });

  it('refuses what a user could not enter: a missing field or an option that is not offered', () => {
    expect(() => buildState(blocks, {}, { colour: { v: 'red' } })).toThrow(/no element colour\/v/);
    expect(() => buildState(blocks, {}, { product: { v: 'screw' } })).toThrow(/no option with value screw/);
  });
});
