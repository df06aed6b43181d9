// @ts-check
import { attrs, esc } from './block-kit/html.js';

/**
 * The files a message shares, as Slack shows them under it: a PNG drawn in place (a report's
 * chart), anything else as a named link to download (a report's CSV).
 *
 * @param {import('./types.js').SharedFile[] | undefined} files
 */
export function renderFiles(files) {
  if (!files?.length) return '';
  const items = files.map((file) => {
    const href = `/files/${encodeURIComponent(file.id)}`;
    if (/\.png$/i.test(file.name)) {
      return `<figure class="shared-file"><img${attrs({ src: href, alt: file.title, loading: 'lazy' })}><figcaption>${esc(file.title)}</figcaption></figure>`;
    }
    return `<a${attrs({ class: 'shared-file', href, download: file.name })}>📎 ${esc(file.title)} <span class="size">${esc(kilobytes(file.size))}</span></a>`;
  });
  return `<div class="shared-files">${items.join('')}</div>`;
}

/** @param {number} bytes */
function kilobytes(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${Math.ceil(bytes / 1024)} KB`;
}
