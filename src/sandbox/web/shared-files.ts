import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { FakeSlack } from '../fake-slack/index.ts';
import { sendNotFound } from './static-files.ts';

/** What the page can show in place (a chart) or offer to download (a report's CSV). */
const contentTypes: Record<string, string> = {
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * `GET /files/<id>`: a file the bot shared in a conversation, as Slack serves it to the people
 * there. Files announced but never completed into a conversation are not found, as in Slack.
 */
export function sendSharedFile(slack: FakeSlack, id: string, res: ServerResponse): void {
  const file = slack.files.get(id);
  if (!file?.bytes || file.channels.length === 0) {
    sendNotFound(res);
    return;
  }
  const type = contentTypes[path.extname(file.name).toLowerCase()] ?? 'application/octet-stream';
  const inline = type === 'image/png';
  res.writeHead(200, {
    'content-type': type,
    'content-length': String(file.bytes.length),
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${file.name.replace(/["\\\r\n]/g, '_')}"`,
    'cache-control': 'private, max-age=3600',
  });
  res.end(file.bytes);
}
