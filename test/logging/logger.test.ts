import { describe, expect, it } from 'vitest';
import { configSecrets, createLogger } from '../../src/logger.ts';

const config = {
  SLACK_BOT_TOKEN: 'xoxb-1111-2222-bottokensecret',
  SLACK_SIGNING_SECRET: 'signing-secret-0123456789abcdef',
  SLACK_APP_TOKEN: 'xapp-1-A111-222-apptokensecret',
  METRICS_TOKEN: 'metrics-token-secret-value',
  DATABASE_URL: 'postgres://orderdesk:db-password-secret@db.internal:5432/orderdesk',
};
const secretValues = [...Object.values(config), 'db-password-secret'];

function capture(level: 'debug' | 'info' = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line), configSecrets(config));
  return { logger, lines };
}

describe('the logger', () => {
  it('writes one JSON line per entry, with the level name, an ISO time and the message', () => {
    const { logger, lines } = capture('info');
    logger.debug('not at info');
    logger.info('order SO-2026-0001 placed');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'info',
      name: 'orderdesk',
      msg: 'order SO-2026-0001 placed',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('keeps what Bolt-style callers pass after the message, and an error with its stack', () => {
    const { logger, lines } = capture();
    logger.warn('settings: department added', { key: 'qa' });
    logger.error('send failed', new Error('channel_not_found'));
    const [warn, error] = lines.map((l) => JSON.parse(l));
    expect(warn).toMatchObject({ level: 'warn', details: [{ key: 'qa' }] });
    expect(error).toMatchObject({
      level: 'error',
      err: { message: 'channel_not_found', stack: expect.any(String) },
    });
  });

  it('(fields, message) puts the fields on the line itself', () => {
    const { logger, lines } = capture();
    logger.info({ kind: 'command', latencyMs: 3 }, 'slack request');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ msg: 'slack request', kind: 'command', latencyMs: 3 });
  });

  it('follows Bolt setting its level and name', () => {
    const { logger, lines } = capture('info');
    logger.setLevel('error' as never);
    logger.setName('bolt-app');
    logger.warn('dropped');
    logger.error('kept');
    expect(logger.getLevel()).toBe('error');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ msg: 'kept', name: 'bolt-app' }),
    ]);
  });

  it('never writes a configured secret: not the configuration, not a header, not inside a message', () => {
    const { logger, lines } = capture();
    logger.info({ config }, 'starting');
    logger.debug('request', { headers: { authorization: `Bearer ${config.SLACK_APP_TOKEN}` } });
    logger.error(`An API error occurred: invalid_auth (token ${config.SLACK_BOT_TOKEN})`);
    logger.error('connect failed', new Error(`connect ${config.DATABASE_URL} refused`));
    logger.warn(`signature check with "${config.SLACK_SIGNING_SECRET}" and ${config.METRICS_TOKEN}`);
    logger.info({ body: { token: 'legacy-verification-token' } }, 'payload');

    const all = lines.join('\n');
    expect(lines).toHaveLength(6);
    for (const secret of [...secretValues, 'legacy-verification-token']) expect(all).not.toContain(secret);
    expect(all).toContain('[Redacted]');
  });

  it('redacts a secret key as deep as the redaction reaches, and writes ordinary fields as they are', () => {
    const { logger, lines } = capture();
    logger.info({ call: { args: { token: 'legacy-verification-token' } } }, 'nested');
    logger.warn('retrying', { headers: { authorization: 'Bearer some-other-credential' } });
    logger.info({ kind: 'action', id: 'orders.list.more', user: 'U1' }, 'slack request');
    const [nested, retrying, request] = lines.map((l) => JSON.parse(l));
    expect(nested.call.args.token).toBe('[Redacted]');
    expect(retrying.details[0].headers.authorization).toBe('[Redacted]');
    expect(request).toMatchObject({
      kind: 'action',
      id: 'orders.list.more',
      user: 'U1',
      msg: 'slack request',
    });
  });

  it('leaves values too short to be secrets alone, so ordinary words are not blanked', () => {
    const lines: string[] = [];
    const logger = createLogger(
      'info',
      (l) => lines.push(l),
      configSecrets({ DATABASE_URL: 'postgres://u:order@h/db' }),
    );
    logger.info('order placed');
    expect(lines[0]).toContain('order placed');
  });
});
