/** @module _loop-groups: Python's values for named groups inside repeated groups (`(?:…(?P<user>…)…)*`). */

/**
 * A repeat (`*`, `+`, `{n,m}` …) of a group holding named groups, as the translator wrote it: the
 * JavaScript capture `wrapper` spans every repetition, `body` is the repeated group's JavaScript
 * source, each name's capture index counts within `body` alone (from 1), `min`/`max` are the
 * repeat's bounds (max null: no limit) and `lazy` tells `*?` from `*`.
 */
export interface LoopInfo {
  readonly wrapper: number;
  readonly body: string;
  readonly names: readonly (readonly [name: string, bodyIndex: number])[];
  readonly min: number;
  readonly max: number | null;
  readonly lazy: boolean;
}

interface Walk { readonly values: Map<string, string>; readonly count: number }

/**
 * Longest repeats walked with the look-ahead, whose cost grows with the square of their length: a
 * line made to defeat the greedy walk (grafana, 7 KiB of ` a="b c"`) took 23 ms with it. Longer
 * repeats keep JavaScript's values (the last repetition's); a 2 KiB one costs about 3 ms.
 */
const MAX_LOOKAHEAD_SPAN = 2048;

/**
 * JavaScript clears a repeated group's captures at every repetition; Python keeps each group's value
 * from the last repetition it took part in. So `(?:user=(?P<user>\w+)|\w+=\w+, )*` on
 * `user=bob, id=7, ` reports user `bob` in Python and nothing in JavaScript. This reader finds the
 * span of the repeats in a match, walks it one repetition at a time as the match split it, and keeps
 * the last value of each group. A greedy repeat in Python also tries one more repetition where the
 * repeats end and keeps its captures when that one matches empty; so does this reader.
 *
 * Not covered (the translator leaves such repeats to JavaScript): bodies with back-references or
 * conditionals, and repeats inside repeats. Where the walk needs its look-ahead (see
 * walkWithLookahead), look-arounds in the body cannot see past the repeats' end, and repeats longer
 * than MAX_LOOKAHEAD_SPAN keep JavaScript's values.
 */
export class LoopGroupReader {
  private readonly steppers: readonly LoopStepper[];

  /** `flags`: the pattern's own flags (without `d`). */
  constructor(flags: string, loops: readonly LoopInfo[]) {
    this.steppers = loops.map((info) => new LoopStepper(info, flags));
  }

  /** Writes Python's value of every group inside a repeat into `out`, for match `m`, made with the `d` flag (indices). */
  apply(m: RegExpExecArray, out: Record<string, unknown>): void {
    if (m.indices === undefined) return;
    const input = m.input;
    for (const stepper of this.steppers) {
      const info = stepper.info;
      const span = m.indices[info.wrapper];
      if (span === undefined) continue;
      const [from, to] = span;
      const walk = stepper.walkGreedily(input, from, to) ?? (to - from <= MAX_LOOKAHEAD_SPAN ? stepper.walkWithLookahead(input, from, to) : null);
      if (walk === null) continue;
      const { values, count } = walk;
      if (!info.lazy && (info.max === null || count < info.max)) stepper.readClosing(input, to, values);
      for (const [name] of info.names) out[name] = values.get(name) ?? null;
    }
  }
}

/** Walks one loop's repetitions; look-ahead regexes are made on first use and kept. */
class LoopStepper {
  /** One repetition at lastIndex. */
  private readonly once: RegExp;
  /** One empty repetition at lastIndex (group 1 holds the rest of the input; body groups are shifted by one). */
  private readonly empty: RegExp;
  private readonly steps = new Map<string, RegExp>();

  constructor(readonly info: LoopInfo, private readonly flags: string) {
    this.once = new RegExp(`(?:${info.body})`, `${flags}y`);
    this.empty = new RegExp(`(?=([\\s\\S]*))(?:${info.body})(?=\\1)`, `${flags}y`);
  }

  /**
   * Takes each time the first repetition the body allows. When that lands exactly on the span's end
   * within the repeat's bounds, every choice could be completed, so the match made the same ones
   * (it takes the first choice that can be completed): linear, and right for almost every line.
   */
  walkGreedily(input: string, from: number, to: number): Walk | null {
    const values = new Map<string, string>();
    let count = 0;
    for (let at = from; at < to; count++) {
      this.once.lastIndex = at;
      const r = this.once.exec(input);
      if (r === null || this.once.lastIndex === at || this.once.lastIndex > to) return null;
      keepValues(this.info, r, 0, values);
      at = this.once.lastIndex;
    }
    const { min, max } = this.info;
    return count >= min && (max === null || count <= max) ? { values, count } : null;
  }

  /**
   * Each step takes the first repetition after which the rest of the span can still be repetitions,
   * checked by a look-ahead on the text cut at the span's end (so slower, and blind past that end).
   */
  walkWithLookahead(input: string, from: number, to: number): Walk {
    const text = input.slice(0, to);
    const values = new Map<string, string>();
    let count = 0;
    for (let at = from; at < to;) {
      const step = this.step(count + 1);
      step.lastIndex = at;
      const r = step.exec(text);
      if (r === null || step.lastIndex === at) break;
      keepValues(this.info, r, 0, values);
      count++;
      at = step.lastIndex;
    }
    return { values, count };
  }

  /** Python's extra repetition where a greedy repeat ends: its captures count when it matches empty. */
  readClosing(input: string, at: number, values: Map<string, string>): void {
    this.empty.lastIndex = at;
    const r = this.empty.exec(input);
    if (r !== null) keepValues(this.info, r, 1, values);
  }

  /** Repetition number `k` (from 1): one repetition after which the rest of the text is between the repetitions left. */
  private step(k: number): RegExp {
    const { body, min, max } = this.info;
    const left = `{${Math.max(min - k, 0)},${max === null ? '' : Math.max(max - k, 0)}}`;
    let re = this.steps.get(left);
    if (re === undefined) {
      re = new RegExp(`(?:${body})(?=(?:${body})${left}(?![\\s\\S]))`, `${this.flags}y`);
      this.steps.set(left, re);
    }
    return re;
  }
}

function keepValues(info: LoopInfo, r: RegExpExecArray, shift: number, values: Map<string, string>): void {
  for (const [name, index] of info.names) {
    const v = r[index + shift];
    if (v !== undefined) values.set(name, v);
  }
}
