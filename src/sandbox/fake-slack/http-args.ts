import type { IncomingMessage } from 'node:http';
import { invalidArguments, SlackApiError } from './errors.ts';
import type { Json } from './types.ts';

/**
 * Reading Web API arguments. @slack/web-api 8 sends form bodies in which every non-scalar
 * argument is a JSON string per field (`blocks=[...]`, `view={...}`), and every scalar is a string
 * (`limit=200`, `exclude_archived=true`); JSON bodies carry real types. Both end up as one object.
 */

/** The arguments Slack takes as JSON, and the error it gives when one does not parse. */
const JSON_ARGS: Record<string, string> = {
  blocks: 'invalid_blocks_format',
  attachments: 'invalid_attachments',
  view: 'invalid_arguments',
  metadata: 'invalid_metadata_format',
  files: 'invalid_arguments',
};

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBytes(req)).toString('utf8');
}

export function readBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function parseArgs(raw: string, contentType: string | undefined, query: URLSearchParams): Json {
  const args: Json = Object.fromEntries(query);
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (raw.length > 0) {
    if (type === 'application/json') Object.assign(args, parseJsonBody(raw));
    else if (type === 'application/x-www-form-urlencoded' || type === '') {
      Object.assign(args, Object.fromEntries(new URLSearchParams(raw)));
    } else throw new SlackApiError('invalid_post_type');
  }
  for (const [key, error] of Object.entries(JSON_ARGS)) {
    const value = args[key];
    if (typeof value !== 'string') continue;
    try {
      args[key] = JSON.parse(value);
    } catch {
      throw new SlackApiError(error);
    }
  }
  return args;
}

function parseJsonBody(raw: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new SlackApiError('invalid_json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SlackApiError('json_not_object');
  }
  return parsed as Json;
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

export function str(args: Json, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function requireStr(args: Json, key: string): string {
  const value = str(args, key);
  if (value === undefined || value === '') throw invalidArguments([`missing required field: ${key}`]);
  return value;
}

/** Form bodies carry booleans as `true`/`false` (and Slack also takes `1`/`0`). */
export function flag(args: Json, key: string): boolean {
  const value = args[key];
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function int(args: Json, key: string): number | undefined {
  const value = str(args, key);
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) ? n : undefined;
}
