import { ErrorCode } from '@slack/web-api';

export type SendFailure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'retry'; error: string }
  | { kind: 'dead'; error: string };

/**
 * Which Slack errors are worth retrying. Platform errors (`ok: false`) are Slack saying no —
 * channel_not_found, not_in_channel, is_archived, invalid_blocks… — and retrying changes
 * nothing, except the few that say "later".
 */
const transientPlatformErrors = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export function classifySendError(error: unknown): SendFailure {
  const coded = error as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  switch (coded?.code) {
    case ErrorCode.RateLimitedError:
      return { kind: 'rate_limited', retryAfterMs: Math.max(1, coded.retryAfter ?? 1) * 1000 };
    case ErrorCode.RequestError:
    case ErrorCode.HTTPError:
      return { kind: 'retry', error: coded.message ?? coded.code };
    case ErrorCode.PlatformError: {
      const name = coded.data?.error ?? 'unknown_error';
      return transientPlatformErrors.has(name)
        ? { kind: 'retry', error: name }
        : { kind: 'dead', error: name };
    }
    default:
      return { kind: 'retry', error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A short, bounded name for a failed Slack call, for counting: Slack's own error name
 * (channel_not_found…), or what went wrong on the way (ratelimited, http_error, request_error).
 */
export function slackErrorCode(error: unknown): string {
  const coded = error as { code?: string; data?: { error?: string } };
  switch (coded?.code) {
    case ErrorCode.RateLimitedError:
      return 'ratelimited';
    case ErrorCode.HTTPError:
      return 'http_error';
    case ErrorCode.RequestError:
      return 'request_error';
    case ErrorCode.PlatformError:
      return coded.data?.error ?? 'unknown_error';
    default:
      return 'other';
  }
}
