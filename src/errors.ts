/**
 * The closed set of failures a use case reports to a person. Each carries a message written for
 * the person who acted; the Slack layer shows it as is (ephemeral, or inline in a modal).
 */
export type AppErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'forbidden'
  | 'invalid_transition'
  | 'stale'
  | 'conflict';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export const staleOrderMessage = 'This order changed since you opened it. Look at it again and retry.';

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
