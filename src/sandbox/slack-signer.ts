import { createHmac } from 'node:crypto';

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/**
 * Signs a request body the way Slack does: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`
 * keyed with the signing secret (api.slack.com/authentication/verifying-requests-from-slack).
 */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSeconds: number,
): SlackSignatureHeaders {
  const hmac = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`);
  return {
    'x-slack-signature': `v0=${hmac.digest('hex')}`,
    'x-slack-request-timestamp': String(timestampSeconds),
  };
}
