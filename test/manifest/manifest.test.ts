import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Slack's app manifest JSON Schema v1.0.0 and its two sample manifests, vendored byte for byte
// from github.com/slackapi/manifest-schema at commit c50cfa8508ff1017344550a5e5fb29a1416e5b98
// (schemas/manifest.schema.1.0.0.json, tests/manifests/v1/manifest.{valid,invalid}.json).
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const specsDir = path.join(here, 'slack-schema');
const schemaPath = path.join(specsDir, 'manifest.schema.1.0.0.json');
const manifestPath = path.resolve(repoRoot, 'manifest.yml');

const EVENTS_URL = 'https://orderdesk.example.com/slack/events';

/** Scopes the code actually uses. Adding a scope to the manifest means adding it here, on purpose. */
const ALLOWED_BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'im:write',
  'users:read',
  'channels:read',
  'groups:read',
  'channels:history',
  'groups:history',
  'im:history',
  'files:write',
] as const;

interface SlashCommand {
  command: string;
  url?: string;
  description: string;
  usage_hint?: string;
  should_escape?: boolean;
}

interface Shortcut {
  name: string;
  type: 'global' | 'message';
  callback_id: string;
  description: string;
}

interface Manifest {
  _metadata?: { major_version?: number; minor_version?: number };
  display_information: {
    name: string;
    description?: string;
    long_description?: string;
    background_color?: string;
  };
  features?: {
    app_home?: {
      home_tab_enabled?: boolean;
      messages_tab_enabled?: boolean;
      messages_tab_read_only_enabled?: boolean;
    };
    bot_user?: { display_name: string; always_online?: boolean };
    shortcuts?: Shortcut[];
    slash_commands?: SlashCommand[];
  };
  oauth_config?: { scopes?: { bot?: string[]; user?: string[] } };
  settings?: {
    event_subscriptions?: { request_url?: string; bot_events?: string[]; user_events?: string[] };
    interactivity?: { is_enabled: boolean; request_url?: string; message_menu_options_url?: string };
    org_deploy_enabled?: boolean;
    socket_mode_enabled?: boolean;
    token_rotation_enabled?: boolean;
  };
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

function loadManifest(): Manifest {
  return parse(readFileSync(manifestPath, 'utf8')) as Manifest;
}

function buildValidator(): ValidateFunction {
  const schema = readJson(schemaPath) as Record<string, unknown>;
  // The vendored schema is self-contained: only local "#/definitions/..." $refs and a
  // draft-07 $schema, which Ajv 8's default class knows, so no network is ever needed.
  // It uses `format: "uri"` (on the top-level `$schema` property); ajv-formats is not a
  // dependency, so register that one format here instead of letting Ajv warn and skip it.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  return ajv.compile(schema);
}

const validate = buildValidator();

function errorsOf(data: unknown): ErrorObject[] {
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

function describeErrors(errors: ErrorObject[]): string {
  return errors
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');
}

describe('validator setup (self-check against the vendored slackapi/manifest-schema fixtures)', () => {
  it('accepts manifest.v1.valid.json', () => {
    const errors = errorsOf(readJson(path.join(specsDir, 'manifest.v1.valid.json')));
    expect(errors, describeErrors(errors)).toEqual([]);
  });

  it('rejects manifest.v1.invalid.json (unknown settings.bad_param)', () => {
    const errors = errorsOf(readJson(path.join(specsDir, 'manifest.v1.invalid.json')));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors).toContainEqual(
      expect.objectContaining({
        instancePath: '/settings',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'bad_param' },
      }),
    );
  });
});

describe('manifest.yml', () => {
  const manifest = loadManifest();

  it('is a valid v1 app manifest', () => {
    const errors = errorsOf(manifest);
    expect(errors, `manifest.yml failed schema validation:\n${describeErrors(errors)}`).toEqual([]);
    expect(manifest._metadata).toEqual({ major_version: 1, minor_version: 1 });
  });

  it('the schema really rejects a command without the leading "/"', () => {
    const copy = structuredClone(manifest);
    const cmd = copy.features?.slash_commands?.[0];
    expect(cmd).toBeDefined();
    if (cmd) cmd.command = 'order';
    const errors = errorsOf(copy);
    expect(errors).toContainEqual(
      expect.objectContaining({ instancePath: '/features/slash_commands/0/command', keyword: 'pattern' }),
    );
  });

  it('the schema really rejects a 40-character name', () => {
    const copy = structuredClone(manifest);
    copy.display_information.name = 'o'.repeat(40);
    const errors = errorsOf(copy);
    expect(errors).toContainEqual(
      expect.objectContaining({ instancePath: '/display_information/name', keyword: 'maxLength' }),
    );
  });

  it('has display information within the documented limits', () => {
    const info = manifest.display_information;
    expect(info.name).toBe('orderdesk');
    expect(info.description?.length ?? 0).toBeGreaterThan(0);
    expect(info.description?.length ?? 0).toBeLessThanOrEqual(140);
    expect(info.long_description?.length ?? 0).toBeGreaterThanOrEqual(175);
    expect(info.long_description?.length ?? 0).toBeLessThanOrEqual(4000);
    // The schema spells this constraint as the non-standard keyword "regex", which Ajv ignores,
    // so check it here.
    expect(info.background_color).toMatch(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
  });

  it('has an always-online bot user named orderdesk', () => {
    // Slack allows a-z 0-9 - _ . in display_name; the schema only checks the length.
    expect(manifest.features?.bot_user).toEqual({ display_name: 'orderdesk', always_online: true });
    expect(manifest.features?.bot_user?.display_name).toMatch(/^[a-z0-9._-]+$/);
  });

  it('declares the /order slash command on the events URL', () => {
    const commands = manifest.features?.slash_commands ?? [];
    const order = commands.find((c) => c.command === '/order');
    expect(order).toBeDefined();
    expect(order?.url).toBe(EVENTS_URL);
    // Escaped, so a mentioned person arrives as <@U…|name> and the bot can tell who is meant.
    expect(order?.should_escape).toBe(true);
    for (const word of ['help', 'new', 'show SO-', 'list', 'status SO-']) {
      expect(order?.usage_hint).toContain(word);
    }
  });

  it('declares the order_new_shortcut global shortcut', () => {
    const shortcuts = manifest.features?.shortcuts ?? [];
    expect(shortcuts).toContainEqual(
      expect.objectContaining({ type: 'global', callback_id: 'order_new_shortcut', name: 'New order' }),
    );
  });

  it('enables the Home tab and the Messages tab', () => {
    expect(manifest.features?.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });

  it('subscribes to app_home_opened on the events URL', () => {
    const events = manifest.settings?.event_subscriptions;
    expect(events?.request_url).toBe(EVENTS_URL);
    expect(events?.bot_events).toContain('app_home_opened');
  });

  it('routes interactivity and options loading to the events URL', () => {
    expect(manifest.settings?.interactivity).toEqual({
      is_enabled: true,
      request_url: EVENTS_URL,
      message_menu_options_url: EVENTS_URL,
    });
  });

  it('runs in HTTP mode without org deploy or token rotation', () => {
    expect(manifest.settings?.socket_mode_enabled).toBe(false);
    expect(manifest.settings?.org_deploy_enabled).toBe(false);
    expect(manifest.settings?.token_rotation_enabled).toBe(false);
  });

  it('only requests bot scopes the code uses, without duplicates and without user scopes', () => {
    const scopes = manifest.oauth_config?.scopes?.bot ?? [];
    expect(scopes.length).toBeGreaterThan(0);
    expect(new Set(scopes).size).toBe(scopes.length);
    const allowed: readonly string[] = ALLOWED_BOT_SCOPES;
    const unexpected = scopes.filter((s) => !allowed.includes(s));
    expect(unexpected, `bot scopes not in the allow-list: ${unexpected.join(', ')}`).toEqual([]);
    // Every scope the code relies on must also be requested.
    expect([...scopes].sort()).toEqual([...ALLOWED_BOT_SCOPES].sort());
    expect(manifest.oauth_config?.scopes?.user).toBeUndefined();
  });
});
