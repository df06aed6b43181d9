import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { logUnhandledRejections } from '../../src/last-resort.ts';
import { createLogger } from '../../src/logger.ts';

describe('the last net under the process', () => {
  it('an unhandled rejection is logged as an error and nothing exits', () => {
    const lines: string[] = [];
    const proc = new EventEmitter();
    logUnhandledRejections(
      createLogger('info', (line) => lines.push(line)),
      proc,
    );
    expect(proc.emit('unhandledRejection', new Error('boom in a background call'))).toBe(true);
    expect(lines.join('\n')).toContain('unhandled promise rejection');
    expect(lines.join('\n')).toContain('boom in a background call');
  });
});
