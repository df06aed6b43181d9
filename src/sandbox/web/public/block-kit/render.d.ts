/**
 * Types of render.js for TypeScript callers (the unit tests). The JavaScript itself is checked
 * against its JSDoc by `npx tsc -p src/sandbox/web/public`.
 */

export interface RenderContext {
  users?: Record<string, { name: string }>;
  channels?: Record<string, { name: string }>;
  /** The reader's IANA time zone; the browser's when absent. */
  timeZone?: string;
  /** "Today" / "Yesterday" are counted from here. */
  now?: Date;
  surface?: 'message' | 'modal' | 'home';
  /** view.state.values: what the person entered so far. */
  state?: Record<string, Record<string, Record<string, unknown>>>;
  /** `response_action: errors`, by block_id. */
  errors?: Record<string, string>;
  people?: { id: string; name: string }[];
  conversations?: { id: string; name: string }[];
  formId?: string;
}

export function renderBlocks(blocks: unknown, ctx?: RenderContext): string;
export function renderBlock(block: unknown, ctx?: RenderContext): string;
export function renderElement(
  element: unknown,
  blockId: string,
  ctx: RenderContext,
  place?: { input?: boolean; dispatch?: boolean; label?: string },
): string;
export function renderMrkdwn(text: string, ctx?: RenderContext): string;
export function renderText(text: unknown, ctx?: RenderContext): string;
export function renderPlain(text: unknown): string;
export function formatSlackDate(
  seconds: number,
  format: string,
  options?: { timeZone?: string; now?: Date },
): string;
export function elementAt(
  blocks: unknown,
  blockId: string,
  actionId: string,
): Record<string, unknown> | undefined;
