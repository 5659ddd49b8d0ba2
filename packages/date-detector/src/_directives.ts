/** @module directives: what each strptime `%` directive of a datepattern matches, and its display name. */

/** One directive: the regex it expands to (Python syntax, named groups are fields) and its name in template names. */
export interface Directive {
  readonly regex: string;
  readonly name: string;
}

const ABBR = '[A-Z](?:[A-Z]{2,4})?';

// Years Fail2Ban accepts for %ExY: 2000 up to the decade after next year's decade.
function exactYearRegex(nowYear: number): string {
  const lastDecade = Math.floor((nowYear + 3) / 10);
  const decades: string[] = [];
  for (let decade = 200; decade <= lastDecade; decade++) decades.push(String(decade));
  return `(?P<Y>(?:${decades.join('|')})\\d)`;
}

/** The directive table; `nowYear` bounds `%ExY`. Keys are what follows `%`. */
export function buildDirectives(nowYear: number): ReadonlyMap<string, Directive> {
  const table: Record<string, [string, string]> = {
    a: ['(?P<a>mon|tue|wed|thu|fri|sat|sun)', 'DAY'],
    A: ['(?P<A>wednesday|thursday|saturday|tuesday|monday|friday|sunday)', 'DAYNAME'],
    b: ['(?P<b>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)', 'MON'],
    B: ['(?P<B>september|february|november|december|january|october|august|march|april|june|july|may)', 'MONTH'],
    d: ['(?P<d>[12]\\d|[0 ]?[1-9]|3[01])', 'Day'],
    e: ['(?P<d>[12]\\d|[0 ]?[1-9]|3[01])', 'Day'],
    m: ['(?P<m>0?[1-9]|1[0-2])', 'Month'],
    Y: ['(?P<Y>\\d{4})', 'Year'],
    y: ['(?P<y>\\d\\d)', 'Year2'],
    H: ['(?P<H>[01]?\\d|2[0-3])', '24hour'],
    k: [' ?(?P<H>[0-2]?\\d)', '%k'],
    I: ['(?P<I>1[0-2]|0[1-9]|[1-9])', '12hour'],
    l: [' ?(?P<I>1?\\d)', '%l'],
    M: ['(?P<M>[0-5]?\\d)', 'Minute'],
    S: ['(?P<S>[0-5]?\\d|6[01])', 'Second'],
    f: ['(?P<f>\\d{1,6})', 'Microseconds'],
    p: ['(?P<p>am|pm)', 'AMPM'],
    j: ['(?P<j>36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])', 'Yearday'],
    U: ['(?P<U>5[0-3]|[0-4]\\d|\\d)', 'Yearweek'],
    W: ['(?P<W>5[0-3]|[0-4]\\d|\\d)', 'Yearweek'],
    V: ['(?P<V>5[0-3]|0[1-9]|[1-4]\\d|\\d)', '%V'],
    G: ['(?P<G>\\d{4})', '%G'],
    w: ['(?P<w>[0-6])', 'Weekday'],
    u: ['(?P<u>[1-7])', '%u'],
    z: ['(?P<z>Z|UTC|GMT|[+-][01]\\d(?::?\\d\\d)?)', 'Zone offset'],
    Z: ['(?P<Z>Z|[A-Z]{3,5})', 'Zone name'],
    s: ['(?P<s>\\d{1,12})', 'Epoch'],
    X: ['(?P<H>2[0-3]|[01]\\d|\\d):(?P<M>[0-5]\\d|\\d):(?P<S>6[01]|[0-5]\\d|\\d)', '%X'],
    x: ['(?P<m>1[0-2]|0[1-9]|[1-9])/(?P<d>3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])/(?P<y>\\d\\d)', '%x'],
    '%': ['%', '%'],
    ExY: [exactYearRegex(nowYear), 'ExYear'],
    Exy: ['(?P<y>\\d{2})', 'ExYear2'],
    Exm: ['(?P<m>0[1-9]|1[0-2])', 'ExMonth'],
    Exd: ['(?P<d>[12]\\d|0[1-9]|3[01])', 'ExDay'],
    ExH: ['(?P<H>[01]\\d|2[0-3])', 'Ex24hour'],
    Exk: [' ?(?P<H>[01]?\\d|2[0-3])', '%Exk'],
    Exl: [' ?(?P<I>1[0-2]|\\d)', '%Exl'],
    ExM: ['(?P<M>[0-5]\\d)', 'ExMinute'],
    ExS: ['(?P<S>[0-5]\\d|6[01])', 'ExSecond'],
    ExZ: [`(?P<Z>${ABBR})`, 'ExZone name'],
    Exz: [`(?P<z>(?:${ABBR})?[+-][01]\\d(?::?\\d\\d)?|${ABBR})`, 'ExZone offset'],
  };
  return new Map(Object.entries(table).map(([key, [regex, name]]) => [key, { regex, name }]));
}

/** Directives whose text is letters: a pattern using one is matched case-insensitively, like Fail2Ban. */
export const ALPHA_DIRECTIVES: ReadonlySet<string> = new Set(['a', 'A', 'b', 'B', 'p', 'c']);
