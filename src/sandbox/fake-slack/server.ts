import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SlackApiError } from './errors.ts';
import type { Fault } from './faults.ts';
import { bearerToken, parseArgs, readBody, readBytes, str } from './http-args.ts';
import { METHODS } from './methods/index.ts';
import type { SlackState } from './slack-state.ts';
import type { Json } from './types.ts';

interface Reply {
  status: number;
  body: Json;
  headers?: Record<string, string>;
  /** Reset the connection instead of answering: the caller never learns what happened. */
  reset?: true;
}

/**
 * The wire side of the fake: `/api/<method>` answers like slack.com/api (HTTP 200 with `ok: false`
 * for refusals, 404 for unknown methods, 429 with Retry-After), and `/response/<id>` answers like
 * a hooks.slack.com response_url.
 */
export function createFakeSlackServer(slack: SlackState): Server {
  return createServer((req, res) => {
    route(slack, req)
      .then((reply) => send(res, reply))
      .catch((error: unknown) => {
        // A bug in the fake must fail the test loudly; a plain 500 would look like a Slack outage.
        console.error(`fake Slack failed on ${req.url}:`, error);
        send(res, { status: 500, body: { ok: false, error: 'fake_slack_failed' } });
      });
  });
}

async function route(slack: SlackState, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const [, area, name] = url.pathname.split('/');
  if (area === 'upload' && name && req.method === 'POST') {
    const refused = slack.files.receive(name, await readBytes(req));
    return refused
      ? { status: 400, body: { ok: false, error: refused } }
      : { status: 200, body: { ok: true } };
  }
  const raw = await readBody(req);
  if (area === 'api' && name) return answerApi(slack, name, url.searchParams, raw, req);
  if (area === 'response' && name && req.method === 'POST') return answerResponseUrl(slack, name, raw);
  return { status: 404, body: { ok: false, error: 'not_found' } };
}

function answerResponseUrl(slack: SlackState, id: string, raw: string): Reply {
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return { status: 400, body: { ok: false, error: 'invalid_payload' } };
  }
  return slack.responseUrls.deliver(id, payload, 'response_url');
}

function answerApi(
  slack: SlackState,
  method: string,
  query: URLSearchParams,
  raw: string,
  req: IncomingMessage,
) {
  let args: Json;
  try {
    args = parseArgs(raw, req.headers['content-type'], query);
  } catch (error) {
    slack.recordCall(method, {});
    return refusal(error);
  }
  const token = bearerToken(req.headers.authorization) ?? str(args, 'token');
  delete args.token;
  slack.recordCall(method, args);

  const spec = METHODS[method];
  if (!spec) return { status: 404, body: { ok: false, error: 'unknown_method' } };
  const fault = slack.faults.take(method, args);
  if (fault && !('lostResponse' in fault)) return faultReply(slack, fault);
  if (!token) return platformError('not_authed');
  if (token !== slack.botToken) return platformError('invalid_auth');
  if (spec.scope && !slack.scopes.has(spec.scope)) {
    return platformError('missing_scope', { needed: spec.scope, provided: [...slack.scopes].join(',') });
  }
  const postChannel = method === 'chat.postMessage' ? str(args, 'channel') : undefined;
  const now = slack.clock.now().getTime();
  if (postChannel && slack.postLimiter.isLimited(postChannel, now)) {
    return faultReply(slack, { status: 429, retryAfter: 1 });
  }
  try {
    const body = spec.handler({ args, slack });
    if (postChannel) slack.postLimiter.record(postChannel, now);
    return { status: 200, body: { ok: true, ...body }, ...(fault ? { reset: true as const } : {}) };
  } catch (error) {
    return refusal(error);
  }
}

function faultReply(slack: SlackState, fault: Exclude<Fault, { lostResponse: true }>): Reply {
  if ('error' in fault) return platformError(fault.error);
  if (fault.status === 500) return { status: 500, body: { ok: false, error: 'internal_error' } };
  slack.stats.rateLimited += 1;
  return {
    status: 429,
    body: { ok: false, error: 'ratelimited' },
    headers: { 'retry-after': String(fault.retryAfter) },
  };
}

function refusal(error: unknown): Reply {
  if (!(error instanceof SlackApiError)) throw error;
  return platformError(error.error, error.extra);
}

function platformError(error: string, extra: Json = {}): Reply {
  return { status: 200, body: { ok: false, error, ...extra } };
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.reset) {
    res.socket?.destroy();
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}
