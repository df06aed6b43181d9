import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ZodError } from 'zod';
import { readBody } from '../fake-slack/http-args.ts';
import { ResetRefusedError, type Sandbox } from '../sandbox.ts';
import { type ApiReply, PageRequestError, postHandlers } from './api.ts';
import { serveEventStream } from './event-stream.ts';
import { sendSharedFile } from './shared-files.ts';
import { snapshotFor } from './snapshot.ts';
import { sendPublicFile } from './static-files.ts';

/**
 * The sandbox page's server: `/` and `/static/…` serve the page, `/files/…` the files the bot
 * shared (a report's charts and CSV), `/api/events` streams changes,
 * `GET /api/state` is what one person sees, and `POST /api/<action>` is what they do.
 */
export function createSandboxServer(sandbox: Sandbox): Server {
  return createServer((req, res) => {
    route(sandbox, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.end();
        return;
      }
      sendJson(res, replyForError(error));
    });
  });
}

async function route(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const { pathname } = url;
  if (req.method === 'GET' && pathname === '/') return sendPublicFile(res, 'index.html');
  if (req.method === 'GET' && pathname.startsWith('/static/')) {
    return sendPublicFile(res, pathname.slice('/static/'.length));
  }
  if (req.method === 'GET' && pathname === '/api/events') return serveEventStream(sandbox, req, res);
  if (req.method === 'GET' && pathname.startsWith('/files/')) {
    return sendSharedFile((await sandbox.world()).slack, pathname.slice('/files/'.length), res);
  }
  if (req.method === 'GET' && pathname === '/api/state') {
    const world = await sandbox.world();
    // Without a person named, the page starts as the first one (the demo's admin).
    const user =
      url.searchParams.get('user') || world.slack.workspace.users().find((u) => !u.is_bot)?.id || '';
    if (!world.slack.workspace.user(user)) {
      return sendJson(res, { status: 404, body: { ok: false, error: `no person ${user}` } });
    }
    const state = await snapshotFor(world, user, url.searchParams.get('open') ?? undefined);
    return sendJson(res, { status: 200, body: state });
  }
  const action = pathname.startsWith('/api/') ? postHandlers[pathname.slice('/api/'.length)] : undefined;
  if (req.method === 'POST' && action) {
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return sendJson(res, { status: 400, body: { ok: false, error: 'the body is not JSON' } });
    }
    return sendJson(res, await action(sandbox, body));
  }
  sendJson(res, { status: 404, body: { ok: false, error: 'not found' } });
}

function replyForError(error: unknown): ApiReply {
  if (error instanceof ZodError) {
    return { status: 400, body: { ok: false, error: error.issues.map((i) => i.message).join('; ') } };
  }
  if (error instanceof ResetRefusedError) return { status: 409, body: { ok: false, error: error.message } };
  // The driver refuses what the person could not have done (an element that is not on screen).
  const message = error instanceof Error ? error.message : String(error);
  const status =
    error instanceof PageRequestError || /on screen|not open|no message/.test(message) ? 400 : 500;
  return { status, body: { ok: false, error: message } };
}

function sendJson(res: ServerResponse, reply: ApiReply): void {
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-cache',
  });
  res.end(JSON.stringify(reply.body));
}
