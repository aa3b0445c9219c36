import { createTrailflowSandbox } from './index.js';
for (const n of [200, 1000, 5000]) {
const sb = createTrailflowSandbox({ seed: 1, loads: n });
const counts = {};
for (const l of sb.loads()) counts[l.updatedAt] = (counts[l.updatedAt] ?? 0) + 1;
console.log(n, Object.values(counts).sort((a,b)=>b-a).slice(0,12), Object.keys(counts).length);
}
