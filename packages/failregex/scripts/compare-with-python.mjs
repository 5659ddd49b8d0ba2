/**
 * @module scripts/compare-with-python: generates random Python regexes in the style of Fail2Ban
 * filters (groups, alternations, repeats, conditionals), runs each on a few subjects in Python's `re`
 * and in f2b's translation (FilterRegex, both its forms), and reports how often span and groupdict
 * agree, with the first differences. A diagnostic for the translator, not a test: some exotic
 * constructs still differ (see the package README), and the figure shows whether a change helps.
 *
 * Usage: node scripts/compare-with-python.mjs [SEED] [PATTERNS]   (after `pnpm build`)
 */
import { execFileSync } from 'node:child_process';
import { FilterRegex } from '../dist/index.js';

const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
let seed = Number(process.argv[2] ?? 1);
const patterns = Number(process.argv[3] ?? 300);
const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const pick = (list) => list[random(list.length)];

/** One random pattern; groups are numbered g1, g2 … in the order they open. */
function makePattern() {
  let groups = 0;
  const atom = (depth) => {
    switch (random(depth > 1 ? 6 : 11)) {
      case 0: case 1: case 4: case 5: return pick(['a', 'b', 'ab']);
      case 2: return pick(['[ab]', '\\w', '\\d', '\\s', '.', '[^a]']);
      case 3: return pick(['^', '$', '\\b']);
      case 6: groups++; return `(?P<g${groups}>${sequence(depth + 1)})`;
      case 7: return `(?:${sequence(depth + 1)}|${sequence(depth + 1)})`;
      case 8: return `(${sequence(depth + 1)})`;
      case 9: return groups === 0 || depth > 0 ? 'a' : `(?(g${1 + random(groups)})${sequence(depth + 1)}|${sequence(depth + 1)})`;
      default: groups++; return `(?P<g${groups}>${sequence(depth + 1)}|${sequence(depth + 1)})`;
    }
  };
  const repeat = (text, depth) => {
    if (text === '^' || text === '$' || text === '\\b') return text;
    if (depth > 0 && text.startsWith('(')) return text + pick(['', '', '?']);
    return text + pick(['', '', '', '?', '*', '+', '{0,2}', '{1,2}', '*?', '??']);
  };
  const sequence = (depth) => {
    let out = '';
    for (let n = 1 + random(3); n > 0; n--) out += repeat(atom(depth), depth);
    return out;
  };
  return sequence(0);
}

const cases = [];
for (let p = 0; p < patterns; p++) {
  const pattern = makePattern();
  for (let s = 0; s < 4; s++) {
    let subject = '';
    for (let n = random(7); n > 0; n--) subject += pick(['a', 'b', ' ', '1']);
    cases.push({ pattern, subject: `${subject}\n` });
  }
}

const script = [
  'import json, re, sys',
  'out = []',
  'for c in json.load(sys.stdin):',
  '    try:',
  '        m = re.search(c["pattern"], c["subject"])',
  '        out.append(None if m is None else {"span": list(m.span()), "groups": m.groupdict()})',
  '    except re.error as e:',
  '        out.append({"error": str(e)})',
  'json.dump(out, sys.stdout)',
].join('\n');
const expected = JSON.parse(execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' }));

const tally = { agree: 0, differ: 0, rejectedByBoth: 0, rejectedByF2bOnly: 0, rejectedByPythonOnly: 0 };
const shown = [];
cases.forEach((c, i) => {
  const python = expected[i];
  let regex;
  try {
    regex = new FilterRegex(c.pattern, { file: 'fuzz', role: 'failregex', useDns: 'raw' });
  } catch (err) {
    if (python?.error) tally.rejectedByBoth++;
    else { tally.rejectedByF2bOnly++; if (shown.length < 10) shown.push(`f2b rejects ${c.pattern}: ${err.message}`); }
    return;
  }
  if (python?.error) { tally.rejectedByPythonOnly++; return; }
  for (const ascii of [false, true]) {
    const m = regex.exec(c.subject, ascii);
    const hit = regex.search(c.subject, [], null, ascii);
    const ours = m === null || hit === null ? null : { span: [m.index, m.index + m[0].length], groups: hit.groups };
    if (JSON.stringify(ours) === JSON.stringify(python)) { tally.agree++; continue; }
    tally.differ++;
    if (shown.length < 10) shown.push(`${JSON.stringify(c.pattern)} on ${JSON.stringify(c.subject)}: python ${JSON.stringify(python)}, f2b ${JSON.stringify(ours)}`);
  }
});
for (const line of shown) console.log(line);
console.log(JSON.stringify(tally));
