import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';

/**
 * Bundles orderdesk's own code into `outdir` as plain JavaScript for `node outdir/main.js`.
 * Packages stay in node_modules (PGlite loads its WebAssembly from beside its module), and
 * code behind a dynamic import(), such as the sandbox, goes into chunks loaded only when used.
 * `entryPoints` (name → .ts file) bundles other entries the same way, e.g. the bench's bots; an
 * `outdir` inside the repository keeps node_modules reachable from the bundle.
 */
export async function buildProduction(
  outdir: string,
  entryPoints: Record<string, string> = { main: path.join(import.meta.dirname, '../src/main.ts') },
): Promise<Metafile> {
  await rm(outdir, { recursive: true, force: true });
  const result = await build({
    // Charts are drawn on a worker thread, which loads its module by file, beside any entry.
    entryPoints: {
      ...entryPoints,
      'chart-worker': path.join(import.meta.dirname, '../src/charts/chart-worker.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.12',
    packages: 'external',
    sourcemap: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  return result.metafile;
}
