/**
 * Reads V8 CPU profiles (`node --cpu-prof`, `.cpuprofile`) and says where the time went: self time by function
 * and by where its code lives (a package of node_modules, one of our libs or services, Node's internals), the same
 * reading a flame graph gives by eye. `node dist/scripts/profile/cpu-profile-summary.js <file or folder>...`
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Time not spent idle (V8's "(idle)" node), in ms. */
  busyMs: number;
  byFunction: { name: string; ms: number }[];
  byPlace: { place: string; ms: number }[];
}

/** Where a frame's code lives: `pg`, `@nestjs/core`, `libs/messaging`, `services/gateway`, `node:internal`, ... */
export function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const ours = /\/(libs|services|scripts|apps)\/([^/]+)\//.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  if (url.startsWith('node:')) return url.startsWith('node:internal') ? 'node:internal' : url;
  return url;
}

export function summarizeProfile(file: string, profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  let idle = 0;
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    total += us;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const place = placeOf(frame.url, frame.functionName);
    const name = `${frame.functionName || '(anonymous)'} ${place}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    places.set(place, (places.get(place) ?? 0) + us);
  }
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    file,
    totalMs: total / 1000,
    busyMs: (total - idle) / 1000,
    byFunction: sorted(functions).map(([name, us]) => ({ name, ms: us / 1000 })),
    byPlace: sorted(places).map(([place, us]) => ({ place, ms: us / 1000 })),
  };
}

function profilesIn(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).filter((name) => name.endsWith('.cpuprofile')).map((name) => join(path, name));
}

if (require.main === module) {
  for (const file of process.argv.slice(2).flatMap(profilesIn)) {
    const summary = summarizeProfile(file, JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
    const share = (ms: number) => `${((ms * 100) / Math.max(1, summary.busyMs)).toFixed(1)}%`;
    console.log(`\n${basename(file)}: ${(summary.busyMs / 1000).toFixed(2)} s busy of ${(summary.totalMs / 1000).toFixed(2)} s`);
    console.log('  by place:');
    for (const { place, ms } of summary.byPlace) console.log(`    ${share(ms).padStart(6)}  ${place}`);
    console.log('  by function (self time):');
    for (const { name, ms } of summary.byFunction) console.log(`    ${share(ms).padStart(6)}  ${name}`);
  }
}
