// Groups `twiggy top -f json` of a wasm file *with a name section* by crate,
// to see which crates the bundle's bytes come from (the release bundle is
// stripped; tests/bench/named-wasm makes a named copy).
//
//   twiggy top -f json named.wasm > top.json && node tests/bench/wasm-crates.mjs top.json [N]
import { readFileSync } from 'node:fs';

const items = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const limit = Number(process.argv[3] ?? 30);
// Modules of core/alloc/std whose generic code is instantiated for some
// other crate's types: attribute such a function to the first other crate
// named in its signature.
const SKIP = new Set(['core', 'alloc', 'std', 'fmt', 'ops', 'future', 'iter', 'slice', 'ptr', 'mem', 'str', 'vec', 'string',
  'option', 'result', 'cell', 'rc', 'sync', 'hash', 'cmp', 'clone', 'convert', 'marker', 'any', 'boxed', 'collections',
  'btree', 'map', 'raw', 'char', 'num', 'array', 'panicking', 'function', 'arc', 'node', 'navigate', 'set', 'hash_map',
  'into_iter', 'adapters', 'traits', 'range', 'default', 'borrow', 'drop', 'task', 'poll', 'pin', 'time']);

function crateOf(name) {
  if (name.startsWith('"function names"')) return '(name section: absent from the release bundle)';
  if (name.startsWith('data segment')) return '(data segments: string literals, tables)';
  if (/^(elem|type|import|export|global|table|memory|code|custom|"producers"|"target_features")/.test(name)) return '(wasm structure)';
  // `<T as tachys::view::...>::f`: the trait's crate.
  const asTrait = name.match(/^<[A-Z][A-Za-z0-9_]* as ([a-z_][a-z0-9_]*)::/);
  if (asTrait) return asTrait[1];
  // Sorting is monomorphised once per element type and comparator.
  if (name.startsWith('core::slice::sort::')) return 'core::slice::sort (one copy per sort call site)';
  if (name.startsWith('core::ops::function::')) return 'core::ops::function (closure shims)';
  const first = name.replace(/^[<&*( ]+/, '').replace(/^(dyn|impl|mut|const) /, '').match(/^[A-Za-z_][A-Za-z0-9_]*/)?.[0] ?? '?';
  if (['core', 'alloc', 'std'].includes(first)) {
    for (const [, m] of name.matchAll(/([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/g)) if (!SKIP.has(m)) return `${m} (via ${first})`;
    return first;
  }
  return first;
}

const by = new Map();
let total = 0;
for (const { name, shallow_size: size } of items) {
  total += size;
  const c = crateOf(name);
  const e = by.get(c) ?? { size: 0, n: 0 };
  e.size += size;
  e.n += 1;
  by.set(c, e);
}
const code = total - (by.get('(name section: absent from the release bundle)')?.size ?? 0);
console.log(`| crate | KB (raw, optimised) | share of code+data | functions/items |`);
console.log(`|---|---:|---:|---:|`);
for (const [c, e] of [...by].sort((a, b) => b[1].size - a[1].size).slice(0, limit)) {
  if (c.startsWith('(name section')) continue;
  console.log(`| ${c} | ${(e.size / 1024).toFixed(1)} | ${((100 * e.size) / code).toFixed(1)} % | ${e.n} |`);
}
console.log(`| total without names | ${(code / 1024).toFixed(1)} | 100 % | |`);
