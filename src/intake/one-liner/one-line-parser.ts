import { formatCount } from '../../wording.ts';
import { type DraftLine, emptyDraft, maxOrderLines, type OrderDraft } from '../order-draft.ts';
import { type Token, tokenize } from './one-line-tokens.ts';

/**
 * Reads the text after `/order new` (already unescaped from Slack's `&lt;` and friends) into the
 * same draft the modal edits, so the admin confirms every order in the modal.
 *
 *   ACME PO-77 10 x WIDGET-A @12.50, 5 x BOLT-M8 due 2026-12-20 pay net30
 *
 * - The first word is the customer code, whatever it looks like.
 * - `PO-77`, `PO#77`, `PO77` is a customer PO as written; `po 4711` (or `po# 4711`) gives `4711`.
 * - A line is `<qty> x <SKU>`, also `<qty>x<SKU>`, `<qty>x <SKU>` or `<qty> × <SKU>`, then
 *   optionally `@ <price>` and `spec "<text>"` in either order. Anything in front of a
 *   standalone `x` is the quantity as typed: `NaN x BOLT` is a line the review refuses, not
 *   junk, so the admin sees it under the quantity.
 * - `due <date>` or `by <date>`; `pay <method>`; `note "<text>"` or `notes "<text>"`. Keywords
 *   are case-insensitive and may end in a colon. A value may be quoted; unquoted it is one word.
 * - Commas and semicolons separate; they are optional between a line and the next thing. A comma
 *   between digits belongs to a price (`@12,50`) or quantity (`1,000 x`) unless what follows it
 *   starts a line (`@12,5 x BOLT` is 12 and then 5 of BOLT).
 *
 * Nothing is validated here. Whatever fits nothing, or repeats a field already given (the first
 * one counts), is reported in `notUnderstood` as the exact text typed, one entry per run of
 * such words between separators. Lines past `maxOrderLines` are counted in one entry.
 */
export interface OneLinerResult {
  draft: OrderDraft;
  notUnderstood: string[];
}

/** `10x`, `10×`: the quantity with the times sign attached. */
const quantityWithTimes = /^([+-]?\d[\d.,]*)[xX×]$/;
/** `10xWIDGET-A`, `10×WIDGET-A`. */
const quantityTimesSku = /^([+-]?\d[\d.,]*)[xX×](.+)$/;
/** `×WIDGET-A` after a quantity; not `x…`, which would eat the X of `XL-SHIRT`. */
const timesSku = /^×(.+)$/;
const bareCustomerPo = /^po[-#:]?$/i;
const customerPoWord = /^po[-#:\d]/i;

type Keyword = 'due' | 'pay' | 'note' | 'spec';
const keywords = new Map<string, Keyword>([
  ['due', 'due'],
  ['by', 'due'],
  ['pay', 'pay'],
  ['note', 'note'],
  ['notes', 'note'],
  ['spec', 'spec'],
]);

export function parseOneLiner(text: string): OneLinerResult {
  return new OneLiner(text).parse();
}

class OneLiner {
  private readonly tokens: Token[];
  private readonly draft = emptyDraft();
  private readonly notUnderstood: string[] = [];
  private unread: { start: number; end: number } | null = null;
  private linesOverLimit = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  parse(): OneLinerResult {
    let i = 0;
    const first = this.tokens[0];
    if (first?.kind === 'word') {
      this.draft.customerCode = first.text;
      i = 1;
    }
    while (i < this.tokens.length) {
      const token = this.tokens[i] as Token;
      if (token.kind === 'separator') {
        this.flushUnread();
        i += 1;
        continue;
      }
      const next = this.clause(i);
      if (next === null) {
        // A number run that isn't a line is set aside whole, so a long `1,2,3,…` costs one pass.
        const last = token.kind === 'word' ? this.numberRunEnd(i) : i;
        this.setAside(token.start, (this.tokens[last] as Token).end);
        i = last + 1;
      } else {
        this.flushUnread();
        i = next;
      }
    }
    this.flushUnread();
    if (this.linesOverLimit > 0) {
      const more = `${formatCount(this.linesOverLimit)} more ${this.linesOverLimit === 1 ? 'line' : 'lines'}`;
      this.notUnderstood.push(`${more} (an order holds at most ${maxOrderLines})`);
    }
    return { draft: this.draft, notUnderstood: this.notUnderstood };
  }

  /** Reads a field or a line starting at token `i`: the index after it, or null if none fits. */
  private clause(i: number): number | null {
    const token = this.tokens[i];
    if (token?.kind !== 'word') return null;
    const keyword = keywordOf(token.text);
    const value = this.valueAt(i + 1);
    const draft = this.draft;
    if (keyword === 'due' || keyword === 'pay' || keyword === 'note') {
      const field = keyword === 'due' ? 'deliveryDate' : keyword === 'pay' ? 'paymentMethod' : 'notes';
      if (value === null || draft[field] !== null) return null;
      draft[field] = value;
      return i + 2;
    }
    if (keyword === 'spec') return null;
    if (bareCustomerPo.test(token.text)) {
      if (value === null || draft.customerPo !== null) return null;
      draft.customerPo = value;
      return i + 2;
    }
    if (customerPoWord.test(token.text)) {
      if (draft.customerPo !== null) return null;
      draft.customerPo = token.text;
      return i + 1;
    }
    return this.line(i);
  }

  private line(i: number): number | null {
    const head = this.lineHead(i);
    if (!head) return null;
    const line: DraftLine = { sku: head.sku, spec: null, quantity: head.quantity, unitPrice: null };
    const next = this.lineExtras(head.next, line);
    if (this.draft.lines.length < maxOrderLines) this.draft.lines.push(line);
    else this.linesOverLimit += 1;
    return next;
  }

  /** The quantity and SKU of a line starting at word `i`, and the token after them. */
  private lineHead(i: number): { quantity: string; sku: string; next: number } | null {
    const last = this.numberRunEnd(i);
    const quantity = this.slice(i, last);
    const joined = quantityTimesSku.exec(quantity);
    if (joined) return { quantity: joined[1] as string, sku: joined[2] as string, next: last + 1 };
    const after = this.wordAt(last + 1);
    if (after === null) return null;
    const withTimes = quantityWithTimes.exec(quantity);
    if (withTimes) return { quantity: withTimes[1] as string, sku: after, next: last + 2 };
    const sku = this.wordAt(last + 2);
    if (isTimes(after) && sku !== null) return { quantity, sku, next: last + 3 };
    const attached = timesSku.exec(after);
    return attached ? { quantity, sku: attached[1] as string, next: last + 2 } : null;
  }
  /** `@ <price>` and `spec "<text>"` after the SKU, each at most once, in either order. */
  private lineExtras(from: number, line: DraftLine): number {
    let i = from;
    for (;;) {
      const token = this.tokens[i];
      if (token?.kind === 'at' && line.unitPrice === null && this.tokens[i + 1]?.kind === 'word') {
        const last = this.numberRunEnd(i + 1, (at) => !this.startsLine(at));
        line.unitPrice = this.slice(i + 1, last);
        i = last + 1;
      } else if (
        token?.kind === 'word' &&
        keywordOf(token.text) === 'spec' &&
        line.spec === null &&
        this.valueAt(i + 1) !== null
      ) {
        line.spec = this.valueAt(i + 1);
        i += 2;
      } else {
        return i;
      }
    }
  }

  /**
   * The last token of a number written with commas between digits (`1,250,000`), starting at
   * word `i`; `i` itself when there is no such comma. `joins` can refuse a piece.
   */
  private numberRunEnd(i: number, joins: (at: number) => boolean = () => true): number {
    let last = i;
    for (;;) {
      const comma = this.tokens[last + 1];
      const piece = this.tokens[last + 2];
      if (comma?.kind !== 'separator' || !comma.tight || piece?.kind !== 'word' || !joins(last + 2)) {
        return last;
      }
      last += 2;
    }
  }

  /** Whether word `i` begins a line, judged from it and its neighbour alone. */
  private startsLine(i: number): boolean {
    const token = this.tokens[i];
    if (token?.kind !== 'word') return false;
    if (quantityTimesSku.test(token.text) || quantityWithTimes.test(token.text)) return true;
    const after = this.tokens[i + 1];
    return after?.kind === 'word' && (isTimes(after.text) || timesSku.test(after.text));
  }

  private wordAt(i: number): string | null {
    const token = this.tokens[i];
    return token?.kind === 'word' ? token.text : null;
  }

  private valueAt(i: number): string | null {
    const token = this.tokens[i];
    return token?.kind === 'word' || token?.kind === 'quoted' ? token.text : null;
  }

  /** The text as typed from the start of token `first` to the end of token `last`. */
  private slice(first: number, last: number): string {
    return this.text.slice((this.tokens[first] as Token).start, (this.tokens[last] as Token).end);
  }

  private setAside(start: number, end: number) {
    this.unread = { start: this.unread?.start ?? start, end };
  }

  private flushUnread() {
    if (!this.unread) return;
    this.notUnderstood.push(this.text.slice(this.unread.start, this.unread.end).trim());
    this.unread = null;
  }
}

function keywordOf(word: string): Keyword | undefined {
  return keywords.get(word.toLowerCase().replace(/:$/, ''));
}

function isTimes(word: string): boolean {
  return word === 'x' || word === 'X' || word === '×';
}
