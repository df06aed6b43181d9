import { describe, expect, it } from 'vitest';
import {
  channelSelectElement,
  checkboxesElement,
  input,
  numberElement,
  radioElement,
  selectElement,
  textElement,
  userSelectElement,
} from '../../src/blocks/form-inputs.ts';
import { renderCreditHoldCard } from '../../src/credit/credit-hold-card.ts';
import { buildOrderModal } from '../../src/intake/modal/order-modal.ts';
import { metaFor } from '../../src/intake/modal/order-modal-content.ts';
import { emptyDraft } from '../../src/intake/order-draft.ts';
import { buildWarningsView } from '../../src/intake/review/warnings-view.ts';
import { renderOrderCard } from '../../src/orders/order-card.ts';
import { renderOrderList } from '../../src/orders/order-list-view.ts';
import type { OrderSnapshot } from '../../src/orders/order-snapshot.ts';
import {
  elementAt,
  type RenderContext,
  renderBlocks,
  renderMrkdwn,
} from '../../src/sandbox/web/public/block-kit/render.js';
import { renderHelp } from '../../src/slack/help.ts';

/**
 * The sandbox page's Block Kit renderer, on what the bot really sends: every block and element
 * type renders (none falls back to the "cannot show" note), every interactive element can be
 * reached by its action id, and text reads as Slack shows it.
 */

type Json = Record<string, unknown>;

const ctx: RenderContext = {
  users: { U0ADA: { name: 'Ada Lindqvist' }, U0FIN: { name: 'Fatima Haddad' } },
  channels: { C0FINANCE: { name: 'finance' } },
  people: [
    { id: 'U0ADA', name: 'Ada Lindqvist' },
    { id: 'U0FIN', name: 'Fatima Haddad' },
  ],
  conversations: [{ id: 'C0FINANCE', name: 'finance' }],
  timeZone: 'UTC',
  now: new Date('2026-11-27T12:00:00Z'),
};

const order: OrderSnapshot = {
  id: 7,
  number: 'SO-2026-000007',
  status: 'on_hold',
  hold: { kind: 'credit', reason: 'Over the credit limit.' },
  openProblems: 0,
  version: 3,
  customer: { code: 'MUELLER', name: 'Müller & Söhne <Metallbau> KG' },
  deliveryDate: '2026-12-20',
  paymentMethod: 'net30',
  customerPo: 'PO-77',
  notes: 'Deliver to gate 3 *before* noon',
  ownerId: 'U0ADA',
  totalCents: 82_200,
  updatedAt: new Date('2026-11-27T09:30:00Z'),
  feedback: null,
  lines: [
    {
      lineNo: 1,
      sku: 'BRG-6204-2RS',
      name: 'Deep-groove ball bearing',
      unit: 'pcs',
      spec: 'C3 clearance',
      quantity: 200,
      unitPriceCents: 390,
      amountCents: 78_000,
    },
  ],
};

/** What the bot sends, by what it is. */
const surfaces: Record<string, { blocks: Json[]; state?: Json }> = {
  'order card': { blocks: renderOrderCard(order).blocks ?? [] },
  'credit hold card, waiting': {
    blocks:
      renderCreditHoldCard({
        order,
        check: {
          verdict: 'hold',
          exposureCents: 19_350_00,
          limitCents: 20_000_00,
          orderCents: 822_00,
          reason: 'over_limit',
          message: 'Exposure plus this order exceeds the credit limit',
        },
        decision: null,
      }).blocks ?? [],
  },
  'credit hold card, decided': {
    blocks:
      renderCreditHoldCard({
        order: { ...order, status: 'confirmed' },
        check: null,
        decision: { decision: 'approved', actor: 'U0FIN', at: new Date('2026-11-27T10:00:00Z') },
      }).blocks ?? [],
  },
  '/order help': { blocks: renderHelp([]).blocks ?? [] },
  '/order list with a More button': {
    blocks:
      renderOrderList(
        { kind: 'open' },
        Array.from({ length: 10 }, (_, i) => ({
          id: 100 - i,
          number: `SO-2026-0000${10 + i}`,
          status: 'confirmed',
          customerName: 'Acme',
          deliveryDate: '2026-12-01',
          totalCents: 1000,
        })),
        1,
      ).blocks ?? [],
  },
  'new order modal': {
    blocks: viewBlocks(
      buildOrderModal({
        meta: metaFor(2),
        draft: { ...emptyDraft(), notes: 'rush' },
        customer: { code: 'ACME', name: 'Acme Industrial' },
        products: new Map(),
        paymentOptions: ['net30', 'prepaid'],
        notUnderstood: ['gibberish'],
      }),
    ),
  },
  'warnings confirmation': {
    blocks: viewBlocks(
      buildWarningsView('draft-1', [
        {
          rule: 'unit_price_off_list',
          severity: 'warning',
          field: 'lines',
          message: 'Price is 20% above list',
        },
      ]),
    ),
  },
  // The inputs of the customer and product forms, built as those forms build them.
  'customer and product form inputs': {
    blocks: [
      input('name', 'Name', textElement('Acme', { max: 200 })),
      input('credit_limit', 'Credit limit', numberElement('25000.00', { decimal: true, min: '0' })),
      input(
        'credit_stop',
        'Credit stop',
        checkboxesElement([{ value: 'credit_stop', label: 'On credit stop' }], ['credit_stop']),
        {
          optional: true,
        },
      ),
      input(
        'tier',
        'Tier',
        radioElement(
          [
            { value: 'standard', label: 'Standard' },
            { value: 'gold', label: 'Gold' },
          ],
          'gold',
        ),
      ),
      input('account_owner_id', 'Account owner', userSelectElement('U0ADA', 'Choose a person'), {
        optional: true,
      }),
      input('connect_channel_id', 'Slack Connect channel', channelSelectElement(null, 'Choose a channel')),
      input(
        'category',
        'Category',
        selectElement([{ value: 'bearings', label: 'Bearings' }], 'bearings', 'Pick one'),
      ),
    ],
  },
};

function viewBlocks(view: Json): Json[] {
  return (view.blocks as Json[]).map((b, i) => ({ block_id: `b${i}`, ...b }));
}

/** Every element of the blocks, wherever it sits. */
function elementsIn(blocks: Json[]): Json[] {
  return blocks.flatMap((b) => {
    const inside = [b.accessory, b.element, ...(Array.isArray(b.elements) ? b.elements : [])];
    return inside.filter((e): e is Json => typeof e === 'object' && e !== null && 'action_id' in e);
  });
}

describe('the sandbox renderer on the bot’s messages and views', () => {
  for (const [name, { blocks }] of Object.entries(surfaces)) {
    it(`${name}: every block and element renders, and each control carries its action id`, () => {
      expect(blocks.length).toBeGreaterThan(0);
      const html = renderBlocks(blocks, ctx);
      expect(html).not.toContain('bk-unknown');
      for (const block of blocks) expect(html).toContain(`data-block-id="${String(block.block_id ?? '')}"`);
      for (const element of elementsIn(blocks)) {
        expect(html).toContain(`data-action-id="${String(element.action_id)}"`);
      }
    });
  }

  it('covers every block and element type the bot uses', () => {
    const all = Object.values(surfaces).flatMap((s) => s.blocks);
    const blockTypes = new Set(all.map((b) => String(b.type)));
    const elementTypes = new Set(elementsIn(all).map((e) => String(e.type)));
    expect([...blockTypes].sort()).toEqual(['actions', 'context', 'divider', 'header', 'input', 'section']);
    expect([...elementTypes].sort()).toEqual([
      'button',
      'checkboxes',
      'conversations_select',
      'datepicker',
      'external_select',
      'number_input',
      'plain_text_input',
      'radio_buttons',
      'static_select',
      'users_select',
    ]);
  });

  it('the order card reads as in Slack: header, fields, escaped names, formatting, mention and date', () => {
    const html = renderBlocks(surfaces['order card']?.blocks, ctx);
    expect(html).toContain(
      '<h3 class="bk-header-text">SO-2026-000007 · Müller &amp; Söhne &lt;Metallbau&gt; KG</h3>',
    );
    expect(html).toContain('<b>Status</b>');
    expect(html).toContain('⏸️');
    expect(html).toContain('<b>BRG-6204-2RS</b>');
    expect(html).toContain('<i>C3 clearance</i>');
    expect(html).toContain('<b>before</b>');
    expect(html).toContain('@Ada Lindqvist');
    expect(html).toMatch(/<time title="2026-11-27 09:30 UTC" class="bk-date">Today 09:30<\/time>/);
    expect(html).toContain('<hr class="bk-divider">');
  });

  it('the hold card’s Approve is a primary button with its confirm dialog, Reject a danger button', () => {
    const { blocks = [] } = surfaces['credit hold card, waiting'] ?? {};
    const html = renderBlocks(blocks, ctx);
    expect(html).toMatch(/class="bk-el bk-button bk-primary"[^>]*data-action-id="credit_hold.approve"/);
    expect(html).toMatch(/class="bk-el bk-button bk-danger"[^>]*data-action-id="credit_hold.reject"/);
    const actions = blocks.find((b) => b.type === 'actions');
    const approve = elementAt(blocks, String(actions?.block_id), 'credit_hold.approve');
    expect((approve?.confirm as Json | undefined)?.title).toEqual({
      type: 'plain_text',
      text: 'Approve the credit?',
    });
  });

  it('a modal shows what was entered (view state) over initial values, and errors under their inputs', () => {
    const blocks = surfaces['new order modal']?.blocks ?? [];
    const html = renderBlocks(blocks, {
      ...ctx,
      state: {
        customer_po: { customer_po: { type: 'plain_text_input', value: 'PO-TYPED' } },
        'line.0.product': {
          product: {
            type: 'external_select',
            selected_option: { text: { type: 'plain_text', text: 'BRG — Bearing' }, value: 'BRG' },
          },
        },
      },
      errors: { delivery_date: 'Pick a date after 2026-12-01.' },
    });
    expect(html).toContain('value="PO-TYPED"');
    expect(html).toContain('value="BRG — Bearing"');
    expect(html).toContain('value="ACME — Acme Industrial"');
    expect(html).toContain('<div class="bk-error" role="alert">Pick a date after 2026-12-01.</div>');
    expect(html).toContain('<textarea rows="4"');
    expect(html).toContain('>rush</textarea>');
    expect(html).toMatch(/data-action-id="customer"[^>]*data-input data-dispatch/);
    expect(html).toContain('<span class="bk-optional">(optional)</span>');
  });

  it('the form inputs tick, pick and select their initial values', () => {
    const html = renderBlocks(surfaces['customer and product form inputs']?.blocks, ctx);
    expect(html).toMatch(/type="checkbox"[^>]*value="credit_stop" checked/);
    expect(html).toMatch(/type="radio"[^>]*value="gold" checked/);
    expect(html).toContain('<option value="U0ADA" selected>Ada Lindqvist</option>');
    expect(html).toContain('<option value="C0FINANCE">#finance</option>');
  });

  it('an unknown block or element shows a visible note in its place; the rest still renders', () => {
    const html = renderBlocks(
      [
        { type: 'section', text: { type: 'mrkdwn', text: 'before' } },
        { type: 'hologram', block_id: 'h1' },
        { type: 'actions', elements: [{ type: 'teleporter', action_id: 'beam' }] },
        'not even an object',
        { type: 'section', text: { type: 'mrkdwn', text: 'after' } },
      ],
      ctx,
    );
    expect(html).toContain('The sandbox cannot show a “hologram” block.');
    expect(html).toContain('The sandbox cannot show a “teleporter” element.');
    expect(html).toContain('(not an object)');
    expect(html).toContain('before');
    expect(html).toContain('after');
    expect(renderBlocks(undefined, ctx)).toBe('');
  });

  it('renders the Block Kit the bot does not use yet: image, overflow, rich text, pickers', () => {
    const html = renderBlocks(
      [
        {
          type: 'image',
          image_url: 'https://example.com/a.png',
          alt_text: 'a chart',
          title: { type: 'plain_text', text: 'Chart' },
        },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'More' },
          accessory: {
            type: 'overflow',
            action_id: 'more',
            options: [
              { text: { type: 'plain_text', text: 'Edit' }, value: 'edit' },
              { text: { type: 'plain_text', text: 'Cancel order' }, value: 'cancel' },
            ],
          },
        },
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_list',
              style: 'bullet',
              elements: [
                {
                  type: 'rich_text_section',
                  elements: [{ type: 'text', text: 'one', style: { bold: true } }],
                },
              ],
            },
          ],
        },
        { type: 'actions', elements: [{ type: 'timepicker', action_id: 't', initial_time: '09:30' }] },
      ],
      ctx,
    );
    expect(html).not.toContain('bk-unknown');
    expect(html).toContain('alt="a chart"');
    expect(html).toContain('data-value="cancel"');
    expect(html).toContain('<ul class="bk-list bk-indent-0"><li><b>one</b></li></ul>');
    expect(html).toContain('type="time"');
    expect(html).toContain('value="09:30"');
  });
});

describe('mrkdwn', () => {
  const render = (text: string) => renderMrkdwn(text, ctx);

  it('formats bold, italic, strike and code, and leaves words with underscores alone', () => {
    expect(render('*b* _i_ ~s~ `a*b*c` snake_case_word')).toBe(
      '<b>b</b> <i>i</i> <s>s</s> <code>a*b*c</code> snake_case_word',
    );
    expect(render('```\nline *1*\nline 2```')).toBe('<pre class="bk-pre">line *1*\nline 2</pre>');
  });

  it('links, mentions, channels, @here and dates; unknown ids fall back to the label or id', () => {
    expect(render('<https://example.com/a?x=1&amp;y=2|the site>')).toBe(
      '<a class="bk-link" href="https://example.com/a?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">the site</a>',
    );
    expect(render('<@U0FIN> <@U0GONE|gone> <#C0FINANCE> <!here>')).toBe(
      '<span class="bk-mention" data-user="U0FIN">@Fatima Haddad</span> <span class="bk-mention" data-user="U0GONE">@gone</span> <span class="bk-mention bk-channel" data-channel="C0FINANCE">#finance</span> <span class="bk-mention bk-special">@here</span>',
    );
    expect(render('<!date^1795690800^{date_num} {time}|fallback>')).toBe(
      '<time title="fallback" class="bk-date">2026-11-26 11:00</time>',
    );
  });

  it('shows escaped text as typed and never lets it become markup or a script link', () => {
    expect(render('&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;',
    );
    expect(render('<javascript:alert(1)|click>')).toBe('&lt;javascript:alert(1)|click&gt;');
    expect(render('<img src=x onerror=alert(1)>')).not.toContain('<img');
  });

  it('quotes lines starting with >, turns emoji codes into emoji, keeps unknown codes', () => {
    expect(render('> quoted\n> more\nplain :white_check_mark: :no_such_emoji:')).toBe(
      '<blockquote class="bk-quote">quoted\nmore</blockquote>plain <span class="bk-emoji" title=":white_check_mark:">✅</span> :no_such_emoji:',
    );
  });
});
