import { describe, expect, it } from 'vitest';
import { preparedAnswer, preparedJsonOf } from '../../src/slack/prepared-answer.ts';

describe('an ack answer serialized once', () => {
  const body = { response_type: 'ephemeral', text: 'orderdesk commands', blocks: [{ type: 'divider' }] };

  it('is still the same answer to whoever reads it as an object (Socket Mode, tests)', () => {
    const answer = preparedAnswer(body);
    expect(answer).toEqual(body);
    expect(JSON.stringify(answer)).toBe(JSON.stringify(body));
    expect(Object.isFrozen(answer)).toBe(true);
  });

  it('carries the bytes the HTTP receiver sends; any other answer carries none', () => {
    expect(preparedJsonOf(preparedAnswer(body))?.toString()).toBe(JSON.stringify(body));
    expect(preparedJsonOf(body)).toBeUndefined();
    expect(preparedJsonOf(undefined)).toBeUndefined();
  });
});
