import { measureTuners } from '/work/wt/hdhr/src/runtime/transcode-capacity.ts';
import { outputProfiles } from '/work/wt/hdhr/src/plugins/output-profiles.ts';
const clock = { now: () => Date.now() } as any;
for (const p of outputProfiles) { const t0 = Date.now(); console.log(p.name, await measureTuners(clock, new AbortController().signal, p), Date.now() - t0, 'ms'); }
