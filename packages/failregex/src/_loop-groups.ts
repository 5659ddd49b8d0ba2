/** @module _loop-groups: Python's values for named groups inside repeated groups (`(?:…(?P<user>…)…)*`). */

/**
 * A repeat (`*`, `+`, `{n,m}` …) of a group holding named groups, as the translator wrote it: the
 * JavaScript capture `wrapper` spans every repetition, `body` is the repeated group's JavaScript
 * source, each name's capture index counts within `body` alone (from 1), and `min`/`max` are the
 * repeat's bounds (max null: no limit).
 */
export interface LoopInfo {
  readonly wrapper: number;
  readonly body: string;
  readonly names: readonly (readonly [name: string, bodyIndex: number])[];
  readonly min: number;
  readonly max: number | null;
}

/** Steps through one loop's repetitions; regexes are made on first use and kept. */
class LoopStepper {
  private readonly steps = new Map<string, RegExp>();
  /** One repetition at lastIndex (at the span's end it can only match empty). */
  readonly closing: RegExp;

  constructor(readonly info: LoopInfo, private readonly flags: string) {
    this.closing = new RegExp(`(?:${info.body})`, `${flags}y`);
  }

  /** Repetition number `k` (from 1): one repetition after which the rest of the span is between the repetitions left. */
  step(k: number): RegExp {
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

/**
 * JavaScript clears a repeated group's captures at every repetition; Python keeps each group's value
 * from the last repetition it took part in. So `(?:user=(?P<user>\w+)|\w+=\w+, )*` on
 * `user=bob, id=7, ` reports user `bob` in Python and nothing in JavaScript. This reader finds the
 * span of the repeats in a match, walks it one repetition at a time as the match split it (each
 * step takes the first repetition, in the regex's own order, after which the rest of the span can
 * still be repetitions), and keeps the last value of each group, as Python does. Python also tries
 * one more repetition where the repeats end and keeps its captures when it matches empty; so does
 * this reader. Bodies with back-references, and repeats inside repeats, keep JavaScript's values
 * (the translator does not mark those).
 */
export class LoopGroupReader {
  private readonly withIndices: RegExp;
  private readonly steppers: readonly LoopStepper[];

  constructor(source: string, flags: string, loops: readonly LoopInfo[]) {
    this.withIndices = new RegExp(source, `${flags}d`);
    this.steppers = loops.map((info) => new LoopStepper(info, flags));
  }

  /** Writes Python's value of every group inside a repeat into `out`, for the match of the regex on `input`. */
  apply(input: string, out: Record<string, unknown>): void {
    const m = this.withIndices.exec(input);
    if (m?.indices === undefined) return;
    for (const stepper of this.steppers) {
      const info = stepper.info;
      const span = m.indices[info.wrapper];
      if (span === undefined) continue;
      // The span's end is the text's end, so no repetition can run past it.
      const text = input.slice(0, span[1]);
      const walked = walkGreedily(stepper, text, span[0], span[1]) ?? walkWithLookahead(stepper, text, span[0], span[1]);
      const { values, count } = walked;
      if (info.max === null || count < info.max) {
        stepper.closing.lastIndex = span[1];
        const r = stepper.closing.exec(text);
        if (r !== null) keepValues(info, r, values);
      }
      for (const [name] of info.names) out[name] = values.get(name) ?? null;
    }
  }
}

interface Walk { readonly values: Map<string, string>; readonly count: number }

/**
 * Takes each time the first repetition the body allows. When that lands exactly on the span's end
 * within the repeat's bounds, every choice could be completed, so the match made the same ones
 * (it takes the first choice that can be completed): linear, and right for almost every line.
 */
function walkGreedily(stepper: LoopStepper, text: string, from: number, to: number): Walk | null {
  const { info, closing } = stepper;
  const values = new Map<string, string>();
  let count = 0;
  let at = from;
  while (at < to) {
    closing.lastIndex = at;
    const r = closing.exec(text);
    if (r === null || closing.lastIndex === at) return null;
    keepValues(info, r, values);
    count++;
    at = closing.lastIndex;
  }
  return count >= info.min && (info.max === null || count <= info.max) ? { values, count } : null;
}

/** Each step takes the first repetition after which the rest of the span can still be repetitions (slower: it looks ahead). */
function walkWithLookahead(stepper: LoopStepper, text: string, from: number, to: number): Walk {
  const values = new Map<string, string>();
  let count = 0;
  for (let at = from; at < to;) {
    const step = stepper.step(count + 1);
    step.lastIndex = at;
    const r = step.exec(text);
    if (r === null || step.lastIndex === at) break;
    keepValues(stepper.info, r, values);
    count++;
    at = step.lastIndex;
  }
  return { values, count };
}

function keepValues(info: LoopInfo, r: RegExpExecArray, values: Map<string, string>): void {
  for (const [name, index] of info.names) {
    const v = r[index];
    if (v !== undefined) values.set(name, v);
  }
}
