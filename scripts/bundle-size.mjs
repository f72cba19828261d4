// Sizes of the release bundle in DIST (raw, gzip -9, brotli -q 11), as JSON:
//   node scripts/bundle-size.mjs DIST
// `start` is what a page loads before the app runs: the wasm-bindgen glue,
// the split loader and the main wasm (scripts/wasm-bundle). `lazy` is the
// split files the lazy pages fetch when first opened (the service worker
// precaches them too). The service worker itself is not counted.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2];
if (!dist) throw new Error('usage: node scripts/bundle-size.mjs DIST');

const dirs = readdirSync(dist).filter((name) => /^tongji-app-[0-9a-f]+$/.test(name) && statSync(join(dist, name)).isDirectory());
if (dirs.length !== 1) throw new Error(`expected one tongji-app-<hash>/ directory in ${dist}, found ${dirs.length}`);
const dir = join(dist, dirs[0]);
const startFiles = new Set(['tongji-app.js', '__wasm_split.js', 'tongji-app_bg.wasm']);

const empty = () => ({ files: 0, raw: 0, gzip: 0, brotli: 0 });
const totals = { start: empty(), start_wasm: empty(), lazy: empty(), total: empty() };
const add = (t, s) => {
  t.files += 1;
  t.raw += s.raw;
  t.gzip += s.gzip;
  t.brotli += s.brotli;
};
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  const size = {
    raw: readFileSync(path).length,
    gzip: execFileSync('gzip', ['-9', '-c', path], { maxBuffer: 1 << 28 }).length,
    brotli: execFileSync('brotli', ['-q', '11', '-c', path], { maxBuffer: 1 << 28 }).length,
  };
  if (startFiles.has(name)) {
    add(totals.start, size);
    if (name.endsWith('.wasm')) add(totals.start_wasm, size);
  } else {
    add(totals.lazy, size);
  }
  add(totals.total, size);
}
if (totals.start_wasm.files !== 1) throw new Error(`no tongji-app_bg.wasm in ${dir}`);
console.log(JSON.stringify(totals));
