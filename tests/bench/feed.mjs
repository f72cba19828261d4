// Dumps the anonymous changes feed (every pull page, as a new device's first
// sync asks for it: limit 1000) into one JSON file, the baseline of the first
// sync benchmark ("the same bytes as one static file"). Prints a JSON summary
// with `small_delta_since`: a checkpoint 10 public changes before the end,
// for the server throughput benchmark.
//
//   node tests/bench/feed.mjs --base http://127.0.0.1:18080 --out dist/bench-feed.json
import { writeFileSync } from 'node:fs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const base = args.base ?? 'http://127.0.0.1:18080';
const pages = [];
const seqs = [];
let since = 0;
for (;;) {
  const r = await fetch(`${base}/api/sync/pull?since=${since}&limit=1000`);
  if (!r.ok) throw new Error(`pull since=${since}: HTTP ${r.status}`);
  const text = await r.text();
  pages.push(text);
  const page = JSON.parse(text);
  for (const c of page.changes) seqs.push(c.seq);
  since = page.next;
  if (!page.more) break;
}
// Concatenated page bodies inside one array: the same bytes plus commas.
const body = `[${pages.join(',')}]`;
writeFileSync(args.out, body);
console.log(
  JSON.stringify({
    pages: pages.length,
    changes: seqs.length,
    bytes: Buffer.byteLength(body),
    small_delta_since: seqs.length > 10 ? seqs[seqs.length - 11] : 0,
  }),
);
