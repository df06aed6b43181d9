import type { EventEmitter } from 'node:events';
import type { FakeSlackChange } from './fake-slack/index.ts';
import type { SandboxWorld } from './sandbox-world.ts';

export type SandboxEvents = { change: [FakeSlackChange]; reset: [] };

/** What the page's server needs: the world of the moment, and the reset. */
export interface Sandbox {
  /** The current world; during a reset, the one that comes after it. */
  world(): Promise<SandboxWorld>;
  /** Wipes the database and starts again on fresh demo data; refused on a database it may not wipe. */
  reset(): Promise<void>;
  readonly events: EventEmitter<SandboxEvents>;
}

/** A reset asked of a database the sandbox must not wipe (a Postgres server). */
export class ResetRefusedError extends Error {
  override name = 'ResetRefusedError';
}
