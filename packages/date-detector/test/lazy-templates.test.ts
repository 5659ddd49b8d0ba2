/** @module lazy-templates-test: built-in templates translate and compile their regexes when first tried, and all of them compile. */
import { describe, expect, it } from 'vitest';
import { buildDefaultTemplates } from '../src/_defaults.js';
import { buildDirectives } from '../src/_directives.js';

const compiledOf = (t: object): unknown => (t as { compiled: RegExp | null }).compiled;
const deferredOf = (t: object): unknown => (t as { deferred: unknown }).deferred;

describe('built-in date templates', () => {
  it('compile no regex until one is needed', () => {
    const { all } = buildDefaultTemplates(buildDirectives(2026));
    expect(all.length).toBeGreaterThan(20);
    for (const { template } of all) expect(compiledOf(template)).toBeNull();
    // Nor translate one: a template with a datepattern waits with all of it but its name and anchors.
    const waiting = all.filter((e) => deferredOf(e.template) !== null);
    expect(waiting.length).toBe(all.filter((e) => e.template.pattern !== null).length);
    // The line-start ISO 8601 template has a matcher of its own: a plain stamp compiles nothing.
    const anchoredIso = all.find((e) => e.template.pattern?.startsWith('{^LN-BEG}%ExY(?P<_sep>'))?.template;
    expect(anchoredIso?.search('2026-01-02 03:04:05 x', 0, 21)).toBe(true);
    expect(all.filter((e) => compiledOf(e.template) !== null)).toHaveLength(0);
    // A search that must run the regex compiles that template's regex only.
    const iso = all.find((e) => e.template.pattern?.startsWith('%ExY(?P<_sep>'))?.template;
    expect(iso).toBeDefined();
    expect(iso?.search('x 2026-01-02 03:04:05 x', 0, 23)).toBe(true);
    expect(compiledOf(iso as object)).toBeInstanceOf(RegExp);
    expect(deferredOf(iso as object)).toBeNull();
    expect(all.filter((e) => deferredOf(e.template) === null && e.template.pattern !== null)).toHaveLength(2);
    expect(all.filter((e) => compiledOf(e.template) !== null)).toHaveLength(1);
  });

  it('every one of them compiles (a typo would otherwise surface only on some log line)', () => {
    const { all, base } = buildDefaultTemplates(buildDirectives(2026));
    for (const template of [...all.map((e) => e.template), ...base]) {
      expect(() => template.regex, template.name).not.toThrow();
      expect(template.regex.flags).toContain('g');
    }
  });
});
