import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProduction } from '../../scripts/build-production.ts';
import { readPng } from '../../src/sandbox/fake-slack/file-store.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { freePort } from '../support/bot-process.ts';
import { signingSecret } from '../support/flow.ts';
import { botToken } from '../support/outbox-harness.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Inside the repository, so the bundle finds node_modules and drizzle/ as dist/ does.
const outdir = path.join(repo, 'test-artifacts', `build-${process.pid}`);

/** The source files of every output reachable from `from` by the given kinds of import. */
function inputsReachable(meta: Metafile, from: string, kinds: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const inputs = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    const entry = meta.outputs[output];
    if (!entry) return;
    for (const input of Object.keys(entry.inputs)) inputs.add(input);
    for (const imported of entry.imports) if (kinds.includes(imported.kind)) visit(imported.path);
  };
  visit(from);
  return inputs;
}

function run(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [path.join(outdir, 'main.js')], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  return { child, output: () => output, exited: new Promise((resolve) => child.on('exit', resolve)) };
}

describe('the production build (npm run build)', () => {
  let meta: Metafile;
  let main: string;
  beforeAll(async () => {
    meta = await buildProduction(outdir);
    main = path.relative(process.cwd(), path.join(outdir, 'main.js'));
  });
  afterAll(async () => {
    await rm(outdir, { recursive: true, force: true });
  });

  it('a bot with credentials never loads the sandbox: it is only behind a dynamic import', () => {
    const loadedAtStart = [...inputsReachable(meta, main, ['import-statement'])];
    expect(loadedAtStart).toContain('src/orderdesk.ts');
    expect(loadedAtStart.filter((input) => input.startsWith('src/sandbox/'))).toEqual([]);

    const loadable = [...inputsReachable(meta, main, ['import-statement', 'dynamic-import'])];
    expect(loadable).toContain('src/sandbox/start-sandbox.ts');
  });

  it('the chart worker is its own file beside main.js and draws a PNG of the size asked', async () => {
    const worker = new Worker(path.join(outdir, 'chart-worker.js'));
    try {
      const answer = new Promise<{ ok: boolean; png: Uint8Array }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      worker.postMessage({
        id: 1,
        spec: {
          data: { values: [{ a: 1 }] },
          mark: 'bar',
          encoding: { y: { field: 'a', type: 'quantitative' } },
        },
        size: { width: 320, height: 200 },
      });
      const result = await answer;
      expect(result.ok).toBe(true);
      expect(readPng(Buffer.from(result.png))).toEqual({ width: 320, height: 200 });
    } finally {
      await worker.terminate();
    }
  });

  it('starts with plain node: a bad setting stops it at once with exit code 2 and the config message', async () => {
    const started = Date.now();
    const bot = run({ PORT: 'eighty' });
    expect(await bot.exited).toBe(2);
    expect(bot.output()).toBe(
      'orderdesk cannot start; fix these settings:\nPORT: found "eighty", expected a port number from 0 to 65535\n',
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  describe('with credentials', () => {
    let slack: FakeSlack;
    let dataDir: string;
    beforeAll(async () => {
      slack = await startFakeSlack({ botToken });
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'orderdesk-build-'));
    });
    afterAll(async () => {
      await slack.stop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('finds its migrations from dist/, answers /healthz, and stops cleanly on SIGTERM', {
      timeout: 180_000,
    }, async () => {
      const port = await freePort();
      const bot = run({
        SLACK_BOT_TOKEN: botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.apiUrl,
        DATA_DIR: dataDir,
        PORT: String(port),
      });
      // A cold PGlite data folder runs initdb in WASM: seconds on an idle machine, many on a busy one.
      let healthy = false;
      for (let i = 0; i < 900 && !healthy && bot.child.exitCode === null; i++) {
        healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!healthy) await new Promise((r) => setTimeout(r, 100));
      }
      expect(healthy, bot.output()).toBe(true);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    });
  });
});
