import type { EventEmitter } from 'node:events';
import type { Logger } from '@slack/bolt';

/**
 * A promise rejected with nobody listening stops a Node 20 process. One bad request or one
 * failed background call must not take the bot down for everyone: log it, keep running. The
 * receiver and the handlers catch what they expect; this is only the last net.
 */
export function logUnhandledRejections(logger: Logger, proc: EventEmitter = process): void {
  proc.on('unhandledRejection', (reason: unknown) => {
    logger.error('an unhandled promise rejection; orderdesk keeps running', reason);
  });
}
