import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

/** Files under src/ (sandbox excluded) that register Bolt action listeners with `app.action(`. */
export function filesRegisteringActions(): string[] {
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.startsWith('sandbox'))
    .filter((file) => readFileSync(path.join(src, file), 'utf8').includes('app.action('))
    .map((file) => `src/${file}`);
}
