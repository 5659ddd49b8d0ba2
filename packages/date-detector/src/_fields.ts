/** @module fields: reads the strptime fields captured from a line (names, numbers, zones) into date parts and a time. */
import { clearDateParts, createDateParts, timeFromParts, type TimeContext } from './_parts.js';
import { parseZoneOffset } from './_zones.js';

/** strptime fields a date pattern can capture (EPOCH/LEPOCH are epoch numbers). */
export type FieldKey =
  | 'Y' | 'y' | 'm' | 'b' | 'B' | 'd' | 'H' | 'I' | 'p' | 'M' | 'S' | 'f'
  | 'a' | 'A' | 'w' | 'u' | 'j' | 'U' | 'W' | 'V' | 'G' | 'z' | 'Z' | 's' | 'EPOCH' | 'LEPOCH';

export const FIELD_KEYS: ReadonlySet<string> = new Set<FieldKey>([
  'Y', 'y', 'm', 'b', 'B', 'd', 'H', 'I', 'p', 'M', 'S', 'f',
  'a', 'A', 'w', 'u', 'j', 'U', 'W', 'V', 'G', 'z', 'Z', 's', 'EPOCH', 'LEPOCH',
]);

/** Field values of one match; `undefined` = not captured. */
export type Fields = Partial<Record<FieldKey, string>>;

/**
 * A reusable, fixed-shape holder of field values: one per template, cleared
 * per line, so reading a date allocates no dictionary-mode object.
 */
export class FieldValues implements Fields {
  Y: string | undefined = undefined;
  y: string | undefined = undefined;
  m: string | undefined = undefined;
  b: string | undefined = undefined;
  B: string | undefined = undefined;
  d: string | undefined = undefined;
  H: string | undefined = undefined;
  I: string | undefined = undefined;
  p: string | undefined = undefined;
  M: string | undefined = undefined;
  S: string | undefined = undefined;
  f: string | undefined = undefined;
  a: string | undefined = undefined;
  A: string | undefined = undefined;
  w: string | undefined = undefined;
  u: string | undefined = undefined;
  j: string | undefined = undefined;
  U: string | undefined = undefined;
  W: string | undefined = undefined;
  V: string | undefined = undefined;
  G: string | undefined = undefined;
  z: string | undefined = undefined;
  Z: string | undefined = undefined;
  s: string | undefined = undefined;
  EPOCH: string | undefined = undefined;
  LEPOCH: string | undefined = undefined;

  /**
   * Sets `key` unless an earlier group already did (the first group that took part wins). A
   * switch of plain property stores: a computed key (`values[key]`) made a megamorphic store that
   * cost more than the rest of reading an ISO 8601 date.
   */
  take(key: FieldKey, value: string): void {
    switch (key) {
      case 'Y': this.Y ??= value; return;
      case 'y': this.y ??= value; return;
      case 'm': this.m ??= value; return;
      case 'b': this.b ??= value; return;
      case 'B': this.B ??= value; return;
      case 'd': this.d ??= value; return;
      case 'H': this.H ??= value; return;
      case 'I': this.I ??= value; return;
      case 'p': this.p ??= value; return;
      case 'M': this.M ??= value; return;
      case 'S': this.S ??= value; return;
      case 'f': this.f ??= value; return;
      case 'a': this.a ??= value; return;
      case 'A': this.A ??= value; return;
      case 'w': this.w ??= value; return;
      case 'u': this.u ??= value; return;
      case 'j': this.j ??= value; return;
      case 'U': this.U ??= value; return;
      case 'W': this.W ??= value; return;
      case 'V': this.V ??= value; return;
      case 'G': this.G ??= value; return;
      case 'z': this.z ??= value; return;
      case 'Z': this.Z ??= value; return;
      case 's': this.s ??= value; return;
      case 'EPOCH': this.EPOCH ??= value; return;
      case 'LEPOCH': this.LEPOCH ??= value; return;
    }
  }

  /** Forgets all values. */
  clear(): void {
    this.Y = this.y = this.m = this.b = this.B = this.d = this.H = this.I = this.p = this.M = this.S = this.f = undefined;
    this.a = this.A = this.w = this.u = this.j = this.U = this.W = this.V = this.G = this.z = this.Z = this.s = undefined;
    this.EPOCH = this.LEPOCH = undefined;
  }
}



const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const parts = createDateParts();

/** The value of one to nine ASCII digits, or -1 for any other text. */
function digitsValue(text: string): number {
  const n = text.length;
  if (n === 0 || n > 9) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * `Number(text)` for a field's text: one to nine ASCII digits are added up by hand (dates are
 * mostly such fields, and the generic conversion of a fresh short string cost ~20 ns each);
 * anything else goes to Number, so spaces, signs and the like read exactly as before.
 */
export function toNumber(text: string): number {
  const value = digitsValue(text);
  return value < 0 ? Number(text) : value;
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * The fraction `0.ddd` written by `count` (1-9) digits whose value is `value`: an integer over a
 * power of ten, both exact and the division correctly rounded, so the very same double as
 * parsing the decimal (`Number('0.ddd')`).
 */
export function fractionOf(value: number, count: number): number {
  return value / (POWERS_OF_TEN[count] as number);
}

/** `Number(\`0.${digits}\`)`, by {@link fractionOf} for one to nine ASCII digits. */
export function toFraction(digits: string): number {
  const value = digitsValue(digits);
  return value < 0 ? Number(`0.${digits}`) : fractionOf(value, digits.length);
}

/** Epoch seconds for a matched epoch number (`LEPOCH` may be milli- or microseconds). */
export function readEpoch(text: string, long: boolean): number {
  if (long && text.length >= 13) return Number(text) / (text.length >= 16 && !text.includes('.') ? 1e6 : 1e3);
  return Number(text);
}

/** Epoch seconds of the fields of one match (see timeFromParts); null for impossible dates or unknown zones. */
export function computeTime(f: Fields, ctx: TimeContext): number | null {
  if (f.EPOCH !== undefined) return readEpoch(f.EPOCH, false);
  if (f.LEPOCH !== undefined) return readEpoch(f.LEPOCH, true);
  if (f.s !== undefined) return Number(f.s);
  const p = parts;
  clearDateParts(p);
  if (f.y !== undefined) {
    p.year = toNumber(f.y);
    if (p.year <= 2000) p.year += 2000;
  }
  if (f.Y !== undefined) p.year = toNumber(f.Y);
  if (f.m !== undefined) p.month = toNumber(f.m);
  if (f.B !== undefined) p.month = MONTH_NAMES.indexOf(f.B.toLowerCase()) + 1;
  if (f.b !== undefined) p.month = MONTHS.indexOf(f.b.toLowerCase()) + 1;
  if (f.d !== undefined) p.day = toNumber(f.d);
  if (f.H !== undefined) p.hour = toNumber(f.H);
  if (f.I !== undefined) {
    p.hour = toNumber(f.I);
    const ampm = (f.p ?? '').toLowerCase();
    if (ampm === 'pm') {
      if (p.hour !== 12) p.hour += 12;
    } else if (ampm === 'am' || ampm === '') {
      if (p.hour === 12) p.hour = 0;
    }
  }
  if (f.M !== undefined) p.minute = toNumber(f.M);
  if (f.S !== undefined) p.second = toNumber(f.S);
  if (f.f !== undefined) p.fraction = toFraction(f.f);
  if (f.A !== undefined) p.weekday = DAY_NAMES.indexOf(f.A.toLowerCase());
  if (f.a !== undefined) p.weekday = DAYS.indexOf(f.a.toLowerCase());
  if (f.w !== undefined) p.weekday = (Number(f.w) + 6) % 7;
  if (f.j !== undefined) p.julian = toNumber(f.j);
  if (f.U !== undefined) {
    p.week = toNumber(f.U);
    p.mondayFirst = false;
  }
  if (f.W !== undefined) {
    p.week = toNumber(f.W);
    p.mondayFirst = true;
  }
  const zoneText = f.z ?? f.Z;
  if (zoneText !== undefined) {
    const zone = parseZoneOffset(zoneText);
    if (zone === null) return null;
    p.zone = zone;
  }
  return timeFromParts(p, ctx);
}
