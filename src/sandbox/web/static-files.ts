import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { packageRoot } from '../../package-root.ts';

/** The page's files: plain HTML, CSS and browser JavaScript modules, served as they are. */
export const publicDir = path.join(packageRoot, 'src/sandbox/web/public');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Sends a file of public/ by its path under it. Anything outside the folder, or of a type the
 * page does not use (the .d.ts and tsconfig beside the scripts), is not found.
 */
export async function sendPublicFile(res: ServerResponse, relative: string): Promise<void> {
  const file = path.resolve(publicDir, `.${path.posix.normalize(`/${relative}`)}`);
  const type = contentTypes[path.extname(file)];
  const inside = file.startsWith(`${publicDir}${path.sep}`);
  const body = inside && type && !file.endsWith('.d.ts') ? await readFile(file).catch(() => null) : null;
  if (!body || !type) return sendNotFound(res);
  // The files change while someone develops the page; the browser asks again each time.
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
  res.end(body);
}

/** The page server's answer for anything it does not have. */
export function sendNotFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found');
}
