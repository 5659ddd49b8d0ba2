/** @module ignore-command: runs `ignorecommand` with tag values passed as environment variables, never as shell text. */
import { execFile } from 'node:child_process';
import type { FailureFields } from './_fail-table.js';

/** Runs `command` with `sh -c` and extra `env`; resolves to its exit code (-1 when killed or timed out). */
export type CommandRunner = (command: string, env: Readonly<Record<string, string>>, timeoutMs: number) => Promise<number>;

/** The default runner: /bin/sh -c, the process environment plus `env`, killed after `timeoutMs`. */
export const runShellCommand: CommandRunner = (command, env, timeoutMs) =>
  new Promise((resolve) => {
    execFile('/bin/sh', ['-c', command], { env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 1 << 20 }, (error) => {
      if (!error) return resolve(0);
      const code = (error as { code?: unknown }).code;
      resolve(typeof code === 'number' ? code : -1);
    });
  });

/** Values of the tags an ignore check knows: `<ip>`, `<family>`, `<fid>`, `<F-NAME>` (filter fields). */
export interface TagValues {
  readonly ip: string;
  readonly family: string;
  readonly fields: FailureFields;
}

/** The text of `tag` (without brackets), or undefined when the check does not know it. */
export function lookupTag(tag: string, values: TagValues): string | undefined {
  if (tag === 'ip' || tag === 'fid') return values.ip;
  if (tag === 'family') return values.family;
  if (tag.startsWith('F-')) {
    const name = tag.slice(2);
    const value = values.fields[name.toLowerCase()] ?? values.fields[name];
    return value === undefined || value === null ? undefined : String(value);
  }
  return undefined;
}

/** Replaces known tags with plain text (for ignorecache keys, never run by a shell). */
export function substituteTags(template: string, values: TagValues): string {
  return template.replace(/<([A-Za-z][\w-]*)>/g, (whole, tag: string) => lookupTag(tag, values) ?? whole);
}

/**
 * Turns a command template into shell text plus environment: each known tag becomes a reference
 * to a variable (`"$F2B_TAG_0"`), quoted to suit where the tag sits — outside quotes, inside
 * double quotes, or inside single quotes (closed and reopened around it) — so attacker-written
 * values (user names from log lines) are never parsed by the shell.
 */
export function prepareCommand(template: string, values: TagValues): { command: string; env: Record<string, string> } {
  const env: Record<string, string> = {};
  let out = '';
  let quote: '' | "'" | '"' = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '<') {
      const match = /^<([A-Za-z][\w-]*)>/.exec(template.slice(i, i + 80));
      const value = match ? lookupTag(match[1]!, values) : undefined;
      if (match && value !== undefined) {
        const name = `F2B_TAG_${Object.keys(env).length}`;
        env[name] = value;
        out += quote === '"' ? `\${${name}}` : quote === "'" ? `'"\${${name}}"'` : `"\${${name}}"`;
        i += match[0].length;
        continue;
      }
    }
    if (ch === '\\' && quote !== "'" && i + 1 < template.length) {
      out += ch + template[i + 1]!;
      i += 2;
      continue;
    }
    if ((ch === "'" || ch === '"') && (quote === '' || quote === ch)) quote = quote === '' ? ch : '';
    out += ch;
    i++;
  }
  return { command: out, env };
}
