import { readFileSync } from 'node:fs';
import { formatTable } from './table.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  busyMs: number;
  byArea: [string, number][];
  byFunction: [string, number][];
}

/** Self time of a V8 .cpuprofile, by package/area and by function; idle time left out. */
export function summarizeProfile(file: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const idle = idleNodes(profile.nodes, nodes);
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busyMs = 0;
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!node || idle.has(id)) return;
    busyMs += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const fn = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  });
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { busyMs, byArea: top(byArea, 10), byFunction: top(byFunction, 15) };
}

export function formatProfile(name: string, file: string, summary: ProfileSummary): string {
  const share = (ms: number) => `${((ms / summary.busyMs) * 100).toFixed(1)} %`;
  const rows = (list: [string, number][]) => list.map(([what, ms]) => [what, ms.toFixed(0), share(ms)]);
  return [
    `${name}: ${summary.busyMs.toFixed(0)} ms on CPU while measured (${file})`,
    formatTable(['self time by area', 'ms', 'share'], rows(summary.byArea)),
    formatTable(['self time by function', 'ms', 'share'], rows(summary.byFunction)),
  ].join('\n');
}

/**
 * `(idle)`, and what V8 files under the inspector call that started the profiler: while the
 * event loop waits, samples keep landing on that last entry from JS, and they are not work.
 */
function idleNodes(all: ProfileNode[], byId: Map<number, ProfileNode>): Set<number> {
  const idle = new Set<number>();
  const mark = (id: number) => {
    idle.add(id);
    for (const child of byId.get(id)?.children ?? []) mark(child);
  };
  for (const node of all) {
    const { functionName, url } = node.callFrame;
    if (functionName === '(idle)' || (functionName === 'post' && url === 'node:inspector')) mark(node.id);
  }
  return idle;
}

function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node: built-ins';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.includes('/src/')) return 'orderdesk src/';
  if (url.includes('/bench/')) return 'bench/';
  return shortUrl(url);
}

function shortUrl(url: string): string {
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) return url.slice(inModules + 'node_modules/'.length);
  const inSrc = url.lastIndexOf('/src/');
  if (inSrc >= 0) return url.slice(inSrc + 1);
  return url.replace(/^file:\/\//, '');
}
