import { plain, section } from './block-kit.ts';

/** A modal that only says something, with Close: a refusal, or a form that could not be drawn. */
export function noticeModal(title: string, text: string) {
  return {
    type: 'modal',
    title: plain(title, 24),
    close: plain('Close', 24),
    blocks: [section(text)],
  };
}
