import { describe, expect, it } from 'vitest';
import {
  formatIssue,
  summedBlockText,
  validateMessageBlocks,
  validateView,
} from '../../src/sandbox/fake-slack/index.ts';

const x = (n: number) => 'x'.repeat(n);
const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const dividers = (n: number) => times(n, () => ({ type: 'divider' }));
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const actions = (...elements: object[]) => ({ type: 'actions', elements });
const button = (over: object = {}) => ({ type: 'button', action_id: 'go', text: plain('Go'), ...over });
const option = (text: string, value: string) => ({ text: plain(text), value });
const options = (n: number) => times(n, (i) => option(`Option ${i}`, `v${i}`));
const select = (opts: object[], over: object = {}) => ({
  type: 'static_select',
  action_id: 's',
  options: opts,
  ...over,
});
const choices = (type: string, n: number) => ({ type, action_id: 'c', options: options(n) });
const textInput = (over: object = {}) => ({ type: 'plain_text_input', action_id: 'i', ...over });
const input = (element: object, over: object = {}) => ({
  type: 'input',
  label: plain('Label'),
  element,
  ...over,
});
const confirm = (over: object = {}) => ({
  title: plain('Sure?'),
  text: plain('This cannot be undone'),
  confirm: plain('Yes'),
  deny: plain('No'),
  ...over,
});
const modal = (over: object = {}) => ({ type: 'modal', title: plain('New order'), blocks: [], ...over });

/** [limit, blocks at n, the pointer of the violation at n + 1] */
const messageLimits: [string, number, (n: number) => unknown[], string][] = [
  ['blocks per message', 50, dividers, '/blocks'],
  ['section text', 3000, (n) => [section(x(n))], '/blocks/0/text/text'],
  [
    'section fields',
    10,
    (n) => [{ type: 'section', fields: times(n, () => mrkdwn('f')) }],
    '/blocks/0/fields',
  ],
  [
    'section field text',
    2000,
    (n) => [{ type: 'section', fields: [mrkdwn(x(n))] }],
    '/blocks/0/fields/0/text',
  ],
  ['header text', 150, (n) => [{ type: 'header', text: plain(x(n)) }], '/blocks/0/text/text'],
  [
    'context elements',
    10,
    (n) => [{ type: 'context', elements: times(n, () => mrkdwn('c')) }],
    '/blocks/0/elements',
  ],
  [
    'actions elements',
    25,
    (n) => [actions(...times(n, (i) => button({ action_id: `a${i}` })))],
    '/blocks/0/elements',
  ],
  ['block_id', 255, (n) => [{ type: 'divider', block_id: x(n) }], '/blocks/0/block_id'],
  ['action_id', 255, (n) => [actions(button({ action_id: x(n) }))], '/blocks/0/elements/0/action_id'],
  ['button text', 75, (n) => [actions(button({ text: plain(x(n)) }))], '/blocks/0/elements/0/text/text'],
  ['button value', 2000, (n) => [actions(button({ value: x(n) }))], '/blocks/0/elements/0/value'],
  ['button url', 3000, (n) => [actions(button({ url: x(n) }))], '/blocks/0/elements/0/url'],
  [
    'confirm title',
    100,
    (n) => [actions(button({ confirm: confirm({ title: plain(x(n)) }) }))],
    '/blocks/0/elements/0/confirm/title/text',
  ],
  [
    'confirm text',
    300,
    (n) => [actions(button({ confirm: confirm({ text: plain(x(n)) }) }))],
    '/blocks/0/elements/0/confirm/text/text',
  ],
  [
    'confirm button',
    30,
    (n) => [actions(button({ confirm: confirm({ confirm: plain(x(n)) }) }))],
    '/blocks/0/elements/0/confirm/confirm/text',
  ],
  [
    'deny button',
    30,
    (n) => [actions(button({ confirm: confirm({ deny: plain(x(n)) }) }))],
    '/blocks/0/elements/0/confirm/deny/text',
  ],
  ['static_select options', 100, (n) => [actions(select(options(n)))], '/blocks/0/elements/0/options'],
  [
    'option text',
    75,
    (n) => [actions(select([option(x(n), 'v')]))],
    '/blocks/0/elements/0/options/0/text/text',
  ],
  [
    'option value',
    150,
    (n) => [actions(select([option('t', x(n))]))],
    '/blocks/0/elements/0/options/0/value',
  ],
  [
    'placeholder',
    150,
    (n) => [actions(select(options(1), { placeholder: plain(x(n)) }))],
    '/blocks/0/elements/0/placeholder/text',
  ],
  ['checkboxes options', 10, (n) => [actions(choices('checkboxes', n))], '/blocks/0/elements/0/options'],
  [
    'radio_buttons options',
    10,
    (n) => [actions(choices('radio_buttons', n))],
    '/blocks/0/elements/0/options',
  ],
  ['overflow options', 5, (n) => [actions(choices('overflow', n))], '/blocks/0/elements/0/options'],
  [
    'plain_text_input max_length',
    3000,
    (n) => [input(textInput({ max_length: n }))],
    '/blocks/0/element/max_length',
  ],
  ['input label', 2000, (n) => [input(textInput(), { label: plain(x(n)) })], '/blocks/0/label/text'],
  ['input hint', 2000, (n) => [input(textInput(), { hint: plain(x(n)) })], '/blocks/0/hint/text'],
];

describe('validateMessageBlocks', () => {
  it.each(messageLimits)('%s: %i is accepted, one more is not', (_name, limit, build, pointer) => {
    expect(validateMessageBlocks(build(limit))).toEqual([]);
    expect(validateMessageBlocks(build(limit + 1)).map((i) => i.pointer)).toContain(pointer);
  });

  it('words issues like Slack, with a JSON pointer', () => {
    const [issue] = validateMessageBlocks([section(x(3001))]);
    expect(issue && formatIssue(issue)).toBe(
      'must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    );
  });

  it.each([
    ['an empty section text', [section('')], '/blocks/0/text/text'],
    ['a section with neither text nor fields', [{ type: 'section' }], '/blocks/0'],
    ['an overflow with one option', [actions(choices('overflow', 1))], '/blocks/0/elements/0/options'],
    ['a header in mrkdwn', [{ type: 'header', text: mrkdwn('Hi') }], '/blocks/0/text/type'],
    ['an unknown block type', [{ type: 'carousel' }], '/blocks/0/type'],
    ['an unknown element type', [actions({ type: 'slider', action_id: 'a' })], '/blocks/0/elements/0/type'],
    ['a button without text', [actions({ type: 'button', action_id: 'a' })], '/blocks/0/elements/0/text'],
    [
      'a block_id used twice',
      [
        { type: 'divider', block_id: 'same' },
        { type: 'divider', block_id: 'same' },
      ],
      '/blocks/1/block_id',
    ],
    ['an action_id used twice in a block', [actions(button(), button())], '/blocks/0/elements/1/action_id'],
    ['an input without element', [{ type: 'input', label: plain('L') }], '/blocks/0/element'],
    ['blocks that are not an array', { type: 'divider' }, '/blocks'],
  ])('rejects %s', (_name, blocks, pointer) => {
    expect(validateMessageBlocks(blocks).map((i) => i.pointer)).toContain(pointer);
  });

  it('accepts the same action_id in different blocks', () => {
    expect(validateMessageBlocks([actions(button()), actions(button())])).toEqual([]);
  });
});

const viewLimits: [string, number, (n: number) => unknown, string][] = [
  ['blocks per modal', 100, (n) => modal({ blocks: dividers(n) }), '/view/blocks'],
  ['blocks per Home tab', 100, (n) => ({ type: 'home', blocks: dividers(n) }), '/view/blocks'],
  ['modal title', 24, (n) => modal({ title: plain(x(n)) }), '/view/title/text'],
  ['submit', 24, (n) => modal({ submit: plain(x(n)) }), '/view/submit/text'],
  ['close', 24, (n) => modal({ close: plain(x(n)) }), '/view/close/text'],
  ['private_metadata', 3000, (n) => modal({ private_metadata: x(n) }), '/view/private_metadata'],
  ['callback_id', 255, (n) => modal({ callback_id: x(n) }), '/view/callback_id'],
];

describe('validateView', () => {
  it.each(viewLimits)('%s: %i is accepted, one more is not', (_name, limit, build, pointer) => {
    expect(validateView(build(limit))).toEqual([]);
    expect(validateView(build(limit + 1)).map((i) => i.pointer)).toContain(pointer);
  });

  it('requires submit when the modal has an input block', () => {
    const blocks = [input(textInput())];
    expect(validateView(modal({ blocks })).map((i) => i.pointer)).toEqual(['/view/submit']);
    expect(validateView(modal({ blocks, submit: plain('Save') }))).toEqual([]);
  });

  it('requires a title on modals but not on the Home tab', () => {
    expect(validateView({ type: 'modal', blocks: [] }).map((i) => i.pointer)).toEqual(['/view/title']);
    expect(validateView({ type: 'home', blocks: [] })).toEqual([]);
  });

  it('rejects an unknown view type', () => {
    expect(validateView({ type: 'sheet', blocks: [] }).map((i) => i.pointer)).toEqual(['/view/type']);
  });
});

describe('summedBlockText', () => {
  it('adds up every text in the blocks, however deep', () => {
    const blocks = [
      section(x(10)),
      actions(button({ text: plain(x(5)) })),
      { type: 'header', text: plain(x(3)) },
    ];
    expect(summedBlockText(blocks)).toBe(18);
  });
});
