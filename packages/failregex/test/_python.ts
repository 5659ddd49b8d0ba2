/** @module _python: runs patterns through Python's own `re` (the reference) for differential tests. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PYTHON } from '@f2b/test-utils';

/** Python's verdict for one (pattern, subject) pair: null when no match, else the span and groupdict. */
export type PythonMatch = { span: [number, number]; groups: Record<string, string | null> } | null;

export const pythonAvailable = existsSync(PYTHON);

/** Searches each subject with each pattern in Python (re.search, flags as given) in one process. */
export function searchWithPython(cases: readonly { pattern: string; subject: string; multiline?: boolean }[]): PythonMatch[] {
  const script = [
    'import json, re, sys',
    // Fail2Ban rewrites `((?i)x)` to `(?i:x)` before compiling; use its own rule when it is installed.
    'try:',
    '    from fail2ban.server.failregex import R_GLOB2LOCFLAGS as G',
    'except Exception:',
    '    G = ()',
    'out = []',
    'for c in json.load(sys.stdin):',
    '    p = G[0].sub(G[1], c["pattern"]) if G else c["pattern"]',
    '    m = re.compile(p, re.MULTILINE if c.get("multiline") else 0).search(c["subject"])',
    '    out.append(None if m is None else {"span": list(m.span()), "groups": m.groupdict()})',
    'json.dump(out, sys.stdout)',
  ].join('\n');
  const text = execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
  return JSON.parse(text) as PythonMatch[];
}
