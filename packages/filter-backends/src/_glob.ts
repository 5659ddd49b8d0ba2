/** @module glob: expand `logpath` globs (`*`, `?`, `[...]`) the way shell globs do, files only, sorted. */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

const MAGIC = /[*?[]/;

/** Whether a path contains glob characters. */
export function hasGlob(path: string): boolean {
  return MAGIC.test(path);
}

/** Compiles one path segment's glob to an anchored regex (`*` and `?` never match `/`, nor a leading dot). */
export function compileSegment(segment: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close === -1) {
        source += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      source += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else source += ch.replace(/[.+^${}()|\\/\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/** Expands a glob to the existing regular files it matches (sorted); a plain path comes back as itself when it is a file. */
export async function expandGlob(pattern: string): Promise<string[]> {
  const absolute = resolve(pattern);
  if (!hasGlob(absolute)) return (await isFile(absolute)) ? [absolute] : [];
  const segments = absolute.split(sep).filter((s) => s !== '');
  let bases: string[] = [sep];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const next: string[] = [];
    if (!hasGlob(segment)) {
      for (const base of bases) next.push(join(base, segment));
    } else {
      const regex = compileSegment(segment);
      for (const base of bases) {
        let names: string[];
        try {
          names = await readdir(base);
        } catch {
          continue;
        }
        for (const name of names) {
          if (name.startsWith('.') && !segment.startsWith('.')) continue;
          if (regex.test(name)) next.push(join(base, name));
        }
      }
    }
    bases = next;
  }
  const files: string[] = [];
  for (const candidate of bases) if (await isFile(candidate)) files.push(candidate);
  return files.sort();
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
