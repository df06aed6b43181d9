import http from 'node:http';
import https from 'node:https';
import type { RespondArguments } from '@slack/bolt';

/** Slack answers a response_url post in well under a second; a hung one must not hold a socket. */
const timeoutMs = 10_000;

// Kept-alive connections: every click with a follow-up posts to the same host. Bolt's respond()
// goes through fetch (undici), which measured (bench/, --cpu-prof) as much CPU per click as all
// of the ack's own work.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

export class ResponseUrlError extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`Failed to respond to the response_url: ${status}`);
    this.name = 'ResponseUrlError';
    this.status = status;
  }
}

/**
 * What Bolt's respond() does, over node:http with keep-alive: POSTs `message` as JSON to the
 * request's response_url and rejects when Slack refuses it (an expired url, too many uses).
 */
export function responder(url: string): (message: string | RespondArguments) => Promise<void> {
  return (message) => {
    const body = JSON.stringify(typeof message === 'string' ? { text: message } : message);
    return new Promise((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== 'https:' && target.protocol !== 'http:') {
        reject(new Error(`a response_url must be http(s), not ${target.protocol}`));
        return;
      }
      const secure = target.protocol === 'https:';
      const client = secure ? https : http;
      const agent = agents[target.protocol];
      const req = client.request(
        target,
        {
          method: 'POST',
          agent,
          timeout: timeoutMs,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve();
            else reject(new ResponseUrlError(status));
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer from the response_url in ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  };
}
