// Trunk post-build hook: writes sw.js into the staging directory from
// public/sw.template.js, with the precache list of every file Trunk produced
// (hashed js, wasm, css, icons, manifest, index.html) and a cache version
// derived from their contents. Never a hand-kept list.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('TRUNK_STAGING_DIR is not set (run through trunk build)');
const root = process.env.TRUNK_SOURCE_DIR ?? process.cwd();

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// Icons used only by the install prompt or OS need not be precached, but
// they are small and keep shortcuts working offline; everything is cached.
const files = walk(staging)
  .map((path) => relative(staging, path).split(sep).join('/'))
  .filter((name) => name !== 'sw.js' && !name.startsWith('.'))
  .sort();

const hash = createHash('sha256');
for (const name of files) {
  hash.update(name);
  hash.update(readFileSync(join(staging, name)));
}
const version = hash.digest('hex').slice(0, 16);
const precache = files.map((name) => (name === 'index.html' ? '/index.html' : `/${name}`));

const template = readFileSync(join(root, 'public/sw.template.js'), 'utf8');
const sw = template.replace("'__VERSION__'", JSON.stringify(version)).replace('__PRECACHE__', JSON.stringify(precache, null, 2));
writeFileSync(join(staging, 'sw.js'), sw);
console.log(`sw.js: ${precache.length} files precached, version ${version}`);
