import { existsSync } from 'node:fs';

/**
 * `npm start`: the build from `npm run build` when there is one (plain Node, no compiler in
 * memory), else the TypeScript source through tsx, so a fresh clone starts without building.
 */
const built = new URL('../dist/main.js', import.meta.url);
if (existsSync(built)) {
  // Stack traces name src/ lines, through the bundle's source maps.
  process.setSourceMapsEnabled(true);
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/main.ts', import.meta.url).href);
}
