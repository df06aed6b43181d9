import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOneLiner } from '../../src/intake/one-liner/one-line-parser.ts';
import { type DraftLine, maxOrderLines, type OrderDraft } from '../../src/intake/order-draft.ts';

const line = (
  quantity: string,
  sku: string,
  unitPrice: string | null = null,
  spec: string | null = null,
) => ({
  sku,
  spec,
  quantity,
  unitPrice,
});

describe('one-line entry: /order new …', () => {
  it("reads the issue's example into the draft the modal opens with", () => {
    const result = parseOneLiner('ACME PO-77 10 x WIDGET-A @12.50, 5 x BOLT-M8 due 2026-12-20 pay net30');
    expect(result).toEqual({
      draft: {
        customerCode: 'ACME',
        customerPo: 'PO-77',
        deliveryDate: '2026-12-20',
        paymentMethod: 'net30',
        notes: null,
        lines: [line('10', 'WIDGET-A', '12.50'), line('5', 'BOLT-M8')],
      },
      notUnderstood: [],
    });
  });

  it('takes the ways admins write a line: 10x A, 10 × A, 10×A, @ 12.50, @12,50', () => {
    const { draft, notUnderstood } = parseOneLiner('ACME 10x A; 3 × B @ 7; 4×C@12,50; 2x D; 6 ×E');
    expect(draft.lines).toEqual([
      line('10', 'A'),
      line('3', 'B', '7'),
      line('4', 'C', '12,50'),
      line('2', 'D'),
      line('6', 'E'),
    ]);
    expect(notUnderstood).toEqual([]);
  });

  it('keeps a comma inside a number but not between a price and the next line', () => {
    const { draft } = parseOneLiner('ACME 1,000 x A @1,250.00, 2 x B @12,5 x C');
    expect(draft.lines).toEqual([line('1,000', 'A', '1,250.00'), line('2', 'B', '12'), line('5', 'C')]);
  });

  it('reads spec and notes in quotes, straight or curly, commas and all', () => {
    const { draft, notUnderstood } = parseOneLiner(
      'ACME 10 x WIDGET-A spec “blue, RAL 5015” @12.50, 2 x B spec red note "call Dana; gate 3" by 2026-12-20',
    );
    expect(draft.lines).toEqual([
      line('10', 'WIDGET-A', '12.50', 'blue, RAL 5015'),
      line('2', 'B', null, 'red'),
    ]);
    expect(draft.notes).toBe('call Dana; gate 3');
    expect(draft.deliveryDate).toBe('2026-12-20');
    expect(notUnderstood).toEqual([]);
  });

  it('takes keywords in any case, with a colon, and po <ref> for a reference without a PO prefix', () => {
    const { draft, notUnderstood } = parseOneLiner(
      'acme po 4711 10 X a DUE: 2026-12-20 Pay: NET30 NOTES: urgent',
    );
    expect(draft).toMatchObject({
      customerCode: 'acme',
      customerPo: '4711',
      deliveryDate: '2026-12-20',
      paymentMethod: 'NET30',
      notes: 'urgent',
      lines: [line('10', 'a')],
    });
    expect(notUnderstood).toEqual([]);
    expect(parseOneLiner('ACME PO#77 1 x A').draft.customerPo).toBe('PO#77');
    expect(parseOneLiner('ACME 1 x A PO7781').draft.customerPo).toBe('PO7781');
  });

  it('keeps values exactly as typed and leaves checking them to the review', () => {
    const { draft, notUnderstood } = parseOneLiner(
      'ACME NaN x A, -5 x B, 0 x C, 1e309 x D, 2.5 x E @-3 due 2026-02-30 pay bitcoin',
    );
    expect(draft.lines.map((l) => l.quantity)).toEqual(['NaN', '-5', '0', '1e309', '2.5']);
    expect(draft.lines[4]?.unitPrice).toBe('-3');
    expect(draft.deliveryDate).toBe('2026-02-30');
    expect(draft.paymentMethod).toBe('bitcoin');
    expect(notUnderstood).toEqual([]);
  });

  it('keeps emoji, CJK and SQL-looking text verbatim', () => {
    const { draft, notUnderstood } = parseOneLiner(
      `東京商事 2 x 😀-CUP spec "注文'); DROP TABLE orders;--" note "🚚 до пятницы" 1 x 部品-7 Robert'); DROP TABLE orders;--`,
    );
    expect(draft.customerCode).toBe('東京商事');
    expect(draft.lines).toEqual([
      line('2', '😀-CUP', null, "注文'); DROP TABLE orders;--"),
      line('1', '部品-7'),
    ]);
    expect(draft.notes).toBe('🚚 до пятницы');
    expect(notUnderstood).toEqual(["Robert')", 'DROP TABLE orders', '--']);
  });

  it('shows what it could not read, as typed, instead of dropping it', () => {
    const { draft, notUnderstood } = parseOneLiner(
      'ACME 10 x A @ , please hurry, 5 x B due tomorrow due 2026-12-20 @9 x, pay',
    );
    expect(draft.lines).toEqual([line('10', 'A'), line('5', 'B')]);
    expect(draft.deliveryDate).toBe('tomorrow');
    expect(notUnderstood).toEqual(['@', 'please hurry', 'due 2026-12-20 @9 x', 'pay']);
  });

  it('counts a field given twice as not understood: the first one counts', () => {
    const { draft, notUnderstood } = parseOneLiner('ACME PO-1 PO-2 1 x A pay net30 pay prepaid');
    expect(draft.customerPo).toBe('PO-1');
    expect(draft.paymentMethod).toBe('net30');
    expect(notUnderstood).toEqual(['PO-2', 'pay prepaid']);
  });

  it('reads an unclosed quote to the end rather than losing it', () => {
    expect(parseOneLiner('ACME 1 x A note "call first, then ship').draft.notes).toBe('call first, then ship');
  });

  it('gives an empty draft for empty text', () => {
    expect(parseOneLiner('   ')).toEqual({
      draft: {
        customerCode: null,
        customerPo: null,
        deliveryDate: null,
        paymentMethod: null,
        notes: null,
        lines: [],
      },
      notUnderstood: [],
    });
  });

  it('keeps a 3,000-character note and SKU whole', () => {
    const long = 'ü'.repeat(3000);
    const { draft } = parseOneLiner(`ACME 1 x ${long} note "${long}"`);
    expect(draft.lines[0]?.sku).toBe(long);
    expect(draft.notes).toBe(long);
  });

  it('keeps the first 20 of 10,000 items and says how many more there were', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => `${i + 1} x SKU-${i + 1} @1.00`).join(', ');
    const { draft, notUnderstood } = parseOneLiner(`ACME ${items} due 2026-12-20 pay net30`);
    expect(draft.lines).toHaveLength(maxOrderLines);
    expect(draft.lines[19]).toEqual(line('20', 'SKU-20', '1.00'));
    expect(draft.deliveryDate).toBe('2026-12-20');
    expect(draft.paymentMethod).toBe('net30');
    expect(notUnderstood).toEqual(['9,980 more lines (an order holds at most 20)']);
    expect(parseOneLiner(`ACME ${items.split(', ').slice(0, 21).join(', ')}`).notUnderstood).toEqual([
      '1 more line (an order holds at most 20)',
    ]);
  });

  // How fast is for the benchmarks; this only proves such text is parsed at all (a backtracking
  // parser would not finish within the test's timeout).
  it('gets through text built to make a backtracking parser crawl', () => {
    for (const text of [
      '1,'.repeat(50_000),
      `${'1x'.repeat(50_000)}!`,
      '"'.repeat(100_000),
      'x '.repeat(50_000),
    ]) {
      expect(parseOneLiner(text).draft).toBeDefined();
    }
  });
});

/**
 * The accounting property, precisely. Split a text into words at whitespace and at the grammar's
 * punctuation (`,` `;` `@` `×` and the quote marks), split a word like `10xA` after its leading
 * number, and drop grammar words (`x`, `due`, `by`, `pay`, `note`, `notes`, `spec`, bare `po`,
 * each with an optional colon). The words of the input, counted with repetition, are then
 * exactly the words of the draft's values and the `notUnderstood` entries together: nothing is
 * lost and nothing invented. (Past 20 lines the extra lines are counted instead, so the property
 * is for texts with at most 20 lines.)
 */
function grammarFreeWords(text: string): string[] {
  const words: string[] = [];
  for (const piece of text.split(/[\s,;@×"“”]+/)) {
    let rest = piece;
    for (;;) {
      const attached = /^([+-]?\d[\d.]*)[xX](.*)$/.exec(rest);
      if (!attached) break;
      words.push(attached[1] as string);
      rest = attached[2] as string;
    }
    if (rest !== '' && !/^(x|due|by|pay|notes?|spec|po[-#:]?)(:)?$/i.test(rest)) words.push(rest);
  }
  return words;
}

function draftTexts(draft: OrderDraft): string[] {
  const header = [draft.customerCode, draft.customerPo, draft.deliveryDate, draft.paymentMethod, draft.notes];
  const lines = draft.lines.flatMap((l) => [l.quantity, l.sku, l.unitPrice, l.spec]);
  return [...header, ...lines].filter((t): t is string => t !== null);
}

const sorted = (words: string[]) => [...words].sort();

const oneLinerish = fc
  .array(
    fc.oneof(
      fc.constantFrom(' ', ', ', ',', ';', ' x ', 'x', '×', '@', '@ ', '"', '“', '”', ':', '\n', '\u00a0'),
      fc.constantFrom('due', 'By', 'pay', 'NOTE', 'notes:', 'spec', 'po', 'PO-77', 'PO#', 'po:'),
      fc.constantFrom('10', '1', '0', '-5', '12.50', '12', '50', '1,000', 'NaN', '1e309', '2026-02-30'),
      fc.constantFrom(
        'ACME',
        'WIDGET-A',
        'BOLT-M8',
        'net30',
        '😀',
        '注文',
        "'; DROP TABLE orders;--",
        '10xA',
      ),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('one-line entry, for any text', () => {
  it('never throws and accounts for every word typed', () => {
    fc.assert(
      fc.property(fc.oneof(oneLinerish, fc.string({ unit: 'grapheme', maxLength: 80 })), (text) => {
        const { draft, notUnderstood } = parseOneLiner(text);
        fc.pre(!notUnderstood.some((entry) => / more lines? \(an order holds at most 20\)$/.test(entry)));
        const out = [...draftTexts(draft), ...notUnderstood].flatMap(grammarFreeWords);
        expect(sorted(out)).toEqual(sorted(grammarFreeWords(text)));
        expect(draft.lines.length).toBeLessThanOrEqual(maxOrderLines);
        for (const entry of notUnderstood) expect(entry).toBe(entry.trim());
      }),
      { numRuns: 2000 },
    );
  });
});

/** Words that can stand anywhere a value goes: no separators, quotes, `@` or `×`. */
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_./#-]{0,11}$/);
const sku = word.filter((w) => !/^[+-]?\d[\d.]*[xX]/.test(w));
const quotedText = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
  .filter((t) => !/["“”]/.test(t));

const draftLine = fc.record({
  sku,
  quantity: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }).map(String), fc.constant('1,000')),
  unitPrice: fc.option(fc.constantFrom('12.50', '12,50', '7', '1,250.00', '0.99')),
  spec: fc.option(quotedText),
});

const wellFormed = fc.record({
  customerCode: word,
  customerPo: fc.option(
    fc.oneof(
      fc.integer({ min: 1, max: 99999 }).map((n) => `PO-${n}`),
      word,
    ),
  ),
  deliveryDate: fc.option(word),
  paymentMethod: fc.option(word),
  notes: fc.option(quotedText),
  lines: fc.array(draftLine, { maxLength: maxOrderLines }),
});

describe('one-line entry, for well-formed text', () => {
  it('reads back the draft it was written from, however it is spaced and spelled', () => {
    fc.assert(
      fc.property(
        wellFormed,
        fc.infiniteStream(fc.constantFrom(', ', ' , ', ';', '; ', ' ')),
        fc.infiniteStream(fc.constantFrom(' x ', 'x', ' X ', ' × ', '×', 'x ')),
        fc.infiniteStream(fc.constantFrom('@', ' @ ', ' @')),
        fc.infiniteStream(fc.boolean()),
        (draft, separators, times, at, flip) => {
          const renderLine = (l: DraftLine) => {
            const price = l.unitPrice === null ? '' : `${at.next().value}${l.unitPrice}`;
            const spec = l.spec === null ? '' : ` spec "${l.spec}"`;
            const extras = flip.next().value ? `${price}${spec}` : `${spec}${price}`;
            return `${l.quantity}${times.next().value}${l.sku}${extras}`;
          };
          const po = draft.customerPo;
          const clauses = [
            po === null ? null : /^PO-\d+$/.test(po) ? po : `po ${po}`,
            ...draft.lines.map(renderLine),
            draft.deliveryDate === null ? null : `${flip.next().value ? 'due' : 'BY'} ${draft.deliveryDate}`,
            draft.paymentMethod === null ? null : `pay ${draft.paymentMethod}`,
            draft.notes === null ? null : `note “${draft.notes}”`,
          ].filter((c): c is string => c !== null);
          const text = `${draft.customerCode} ${clauses.map((c) => `${c}${separators.next().value}`).join('')}`;
          expect(parseOneLiner(text)).toEqual({ draft, notUnderstood: [] });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
