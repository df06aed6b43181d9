import { truncate } from '../blocks/block-kit.ts';

/** An input block of a modal: its id (where its error goes) and the label people read. */
export interface LabelledInput {
  blockId: string;
  label: string;
}

type ViewBlocks = { blocks?: readonly unknown[] };

/** A modal's input blocks, top to bottom. */
export function inputsOf(view: ViewBlocks): LabelledInput[] {
  return (view.blocks ?? []).flatMap((b) => {
    const block = b as { type?: string; block_id?: string; label?: { text?: string } };
    return block.type === 'input' && block.block_id
      ? [{ blockId: block.block_id, label: block.label?.text ?? block.block_id }]
      : [];
  });
}

/**
 * Slack shows a submission's errors only under their inputs, so in a long modal they can sit
 * below the fold and Submit seems to do nothing. When any error is below the top input, the top
 * input's message also names every field that needs fixing, so the person sees it where they are.
 */
export function withSummaryOnTop(
  errors: Record<string, string>,
  inputs: readonly LabelledInput[],
): Record<string, string> {
  const top = inputs[0];
  if (!top) return errors;
  const below = inputs.filter((i) => i.blockId !== top.blockId && errors[i.blockId]);
  if (!below.length) return errors;
  const labels = [...new Set(below.map((i) => i.label))].join(', ');
  const own = errors[top.blockId];
  const summary = own
    ? `${own} — also fix below: ${labels}`
    : `${below.length === 1 ? 'One field needs' : `${below.length} fields need`} fixing below: ${labels}`;
  return { ...errors, [top.blockId]: truncate(summary, 2000) };
}
