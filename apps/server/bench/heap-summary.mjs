/** @module bench/heap-summary: what grew between two heap snapshots, by node type and constructor (self sizes). */
/*
 * Usage: node bench/heap-summary.mjs BEFORE.heapsnapshot AFTER.heapsnapshot [N]
 * With N (addresses tracked in between), sizes are also shown per address.
 */
import { readFileSync } from 'node:fs';

function summarise(file) {
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  const { node_fields: fields, node_types: types } = snapshot.snapshot.meta;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const typeNames = types[0];
  const byKey = new Map();
  const nodes = snapshot.nodes;
  for (let i = 0; i < nodes.length; i += width) {
    const type = typeNames[nodes[i + typeAt]];
    const name = type === 'object' || type === 'closure' || type === 'native' || type === 'hidden' || type === 'array' ? snapshot.strings[nodes[i + nameAt]] : '';
    const key = `${type} ${name}`.slice(0, 80);
    const entry = byKey.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += nodes[i + sizeAt];
    byKey.set(key, entry);
  }
  return byKey;
}

const [beforeFile, afterFile, perArg] = process.argv.slice(2);
const per = Number(perArg ?? 0);
const before = summarise(beforeFile);
const after = summarise(afterFile);
const rows = [];
for (const [key, a] of after) {
  const b = before.get(key) ?? { count: 0, size: 0 };
  rows.push({ key, count: a.count - b.count, size: a.size - b.size });
}
rows.sort((x, y) => y.size - x.size);
let total = 0;
for (const r of rows) total += r.size;
console.log(`total self size grown: ${total.toLocaleString('en-US')} B${per ? ` (${(total / per).toFixed(1)} B per address)` : ''}`);
for (const r of rows.slice(0, 30)) {
  console.log(`${r.size.toLocaleString('en-US').padStart(14)} B ${String(r.count).padStart(9)} × ${per ? `${(r.size / per).toFixed(1).padStart(7)} B/addr ` : ''}${r.key}`);
}
