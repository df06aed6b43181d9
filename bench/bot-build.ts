import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { buildProduction } from '../scripts/build-production.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Inside the repository, so that the bundles' package imports find node_modules. */
const outdir = path.join(here, '../node_modules/.cache/orderdesk-bench');
const entries = {
  'bare-bolt-app': 'bare-bolt-app.ts',
  'orderdesk-server': 'orderdesk-server.ts',
  'fake-slack-server': 'fake-slack-server.ts',
} as const;
export type BotEntry = keyof typeof entries;

let built: Promise<string> | null = null;

/**
 * The bots' entry files built as `npm run build` builds orderdesk (esbuild, packages left in
 * node_modules), once per bench run: production runs JavaScript, and a bot loaded through tsx
 * carries the compiler in memory (tens of MB of RSS) and compiles at start.
 */
export async function builtBot(entry: BotEntry): Promise<{ entry: string; nodeFlags: string[] }> {
  built ??= buildProduction(
    outdir,
    Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, path.join(here, file)])),
  ).then(() => outdir);
  // The flags go with the file, so no caller can start orderdesk without production's.
  return { entry: path.join(await built, `${entry}.js`), nodeFlags: botNodeFlags(entry) };
}

const packageJson = z.object({ scripts: z.object({ start: z.string() }) });

/**
 * Node's flags for a bot: orderdesk runs with those of `npm start` (its heap cap), read from
 * package.json so the bench cannot drift from production; the bare app with Node's defaults.
 */
export function botNodeFlags(entry: BotEntry): string[] {
  if (entry !== 'orderdesk-server') return [];
  const { scripts } = packageJson.parse(JSON.parse(readFileSync(path.join(here, '../package.json'), 'utf8')));
  const [node, ...words] = scripts.start.split(/\s+/);
  if (node !== 'node')
    throw new Error(`package.json's start script does not begin with node: ${scripts.start}`);
  return words.filter((word) => word.startsWith('--'));
}
