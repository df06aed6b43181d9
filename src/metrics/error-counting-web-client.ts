import { WebClient, type WebClientOptions } from '@slack/web-api';

/**
 * A WebClient that reports each failed call with its method before the error goes on. Every
 * call, `client.conversations.open(…)` included, goes through apiCall, so this sees them all.
 */
export class ErrorCountingWebClient extends WebClient {
  readonly #onError: (method: string, error: unknown) => void;

  constructor(
    token: string | undefined,
    options: WebClientOptions,
    onError: (method: string, error: unknown) => void,
  ) {
    super(token, options);
    this.#onError = onError;
  }

  override async apiCall(method: string, options?: Record<string, unknown>) {
    try {
      return await super.apiCall(method, options);
    } catch (error) {
      this.#onError(method, error);
      throw error;
    }
  }
}
