import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeSlackChange } from '../fake-slack/index.ts';
import type { Sandbox } from '../sandbox.ts';

/** Changes arrive in bursts (a card, its thread line, a view update); one event per burst is enough. */
const burstMs = 25;
/** A comment now and then keeps proxies and the browser from closing an idle stream. */
const keepAliveMs = 15_000;

/**
 * Server-Sent Events for the page: `change` names the conversations and people a burst of
 * changes touched (the page fetches its state again when one concerns it), `reset` says the
 * world was replaced.
 */
export function serveEventStream(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.write('retry: 1000\n\n');

  let pending: { channels: Set<string>; users: Set<string> } | null = null;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    // The page may have gone while the burst gathered.
    if (!pending || res.destroyed) return;
    const data = { channels: [...pending.channels], users: [...pending.users] };
    pending = null;
    res.write(`event: change\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const onChange = (change: FakeSlackChange) => {
    if (!pending) {
      pending = { channels: new Set(), users: new Set() };
      timer = setTimeout(flush, burstMs);
    }
    const touched = touchedBy(change);
    if (touched.channel) pending.channels.add(touched.channel);
    if (touched.user) pending.users.add(touched.user);
  };
  const onReset = () => res.write('event: reset\ndata: {}\n\n');
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
  // A write racing the page's going away must not take the server down.
  res.on('error', () => {});

  sandbox.events.on('change', onChange);
  sandbox.events.on('reset', onReset);
  req.on('close', () => {
    clearInterval(keepAlive);
    if (timer) clearTimeout(timer);
    sandbox.events.off('change', onChange);
    sandbox.events.off('reset', onReset);
  });
}

function touchedBy(change: FakeSlackChange): { channel?: string; user?: string } {
  switch (change.kind) {
    case 'message':
      return { channel: change.channel };
    case 'ephemeral':
      return { channel: change.ephemeral.channel, user: change.ephemeral.user };
    case 'view':
      return { user: change.user };
    case 'channel':
      return { channel: change.channel.id };
    case 'user':
      return { user: change.user.id };
    case 'call':
      return {};
  }
}
