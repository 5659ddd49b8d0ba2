/**
 * @module fail-record: an id's kept lines and fields packed into one flat string — no object, array or field string
 * per id, and no slice that keeps the whole line (or read chunk) it was cut from alive.
 */

/** Extra fields a failure carries (failregex captures such as `user`), kept from the first failure. */
export type FailureFields = Readonly<Record<string, unknown>>;

/** What a record holds, unpacked. */
export interface RecordContent {
  readonly fields: FailureFields | undefined;
  readonly matches: string[];
}

/** Fields that cannot be packed (a value that is not text, or too many shapes): kept as given. */
export interface LooseRecord {
  readonly loose: true;
  readonly fields: FailureFields | undefined;
  readonly matches: string[];
}

/** A record: packed text, a loose object, or nothing (no fields, no lines). */
export type StoredRecord = string | LooseRecord | undefined;

// A value equal to the id (`ip4` almost always is) is stored as this mark instead of a copy.
const SAME_AS_ID = 61; // '='
const COLON = 58;
// Field key lists are few (one or two per failregex); an embedder passing ever-new keys gets loose records past this.
const MAX_SHAPES = 4096;

/** Field key lists seen so far; a record names its list by number and stores only the values. */
export class FieldShapes {
  private readonly ids = new Map<string, number>();
  private readonly lists: string[][] = [[]];
  private lastKeys: readonly string[] = [];
  private lastId = 0;

  /** The number of the key list of `fields`, registering it; -1 when the table is full. */
  idOf(fields: FailureFields): number {
    // The same filter yields the same keys in the same order: compare with the last list before building one.
    const last = this.lastKeys;
    let n = 0;
    let same = true;
    for (const key in fields) {
      if (last[n] !== key) {
        same = false;
        break;
      }
      n++;
    }
    if (same && n === last.length) return this.lastId;
    const keys = Object.keys(fields);
    const joined = keys.join('\0');
    let id = this.ids.get(joined);
    if (id === undefined) {
      if (this.lists.length > MAX_SHAPES) return -1;
      id = this.lists.length;
      this.lists.push(keys);
      this.ids.set(joined, id);
    }
    this.lastKeys = this.lists[id]!;
    this.lastId = id;
    return id;
  }

  keysOf(id: number): readonly string[] {
    return this.lists[id]!;
  }
}

/**
 * Packs `fields` and `matches` for `id`: `<shape>|` then each field value and each line as `<length>:<text>`
 * (a field equal to the id as `=`). The text is written to the arena at once, so it is built by plain concatenation.
 */
export function packRecord(shapes: FieldShapes, id: string, fields: FailureFields | undefined, matches: readonly string[]): StoredRecord {
  let shape = 0;
  let values = '';
  if (fields !== undefined) {
    for (const key in fields) {
      const value = fields[key];
      // Inherited keys would not survive the round trip (the shape lists own keys only).
      if (typeof value !== 'string' || !Object.hasOwn(fields, key)) return loose(fields, matches);
      values += value === id ? '=' : `${value.length}:${value}`;
    }
    if (values !== '') shape = shapes.idOf(fields);
    if (shape < 0) return loose(fields, matches);
  }
  if (shape === 0 && matches.length === 0) return undefined;
  let text = `${shape}|${values}`;
  for (let k = 0; k < matches.length; k++) {
    const line = matches[k]!;
    text += `${line.length}:${line}`;
  }
  return text;
}

/** A record kept as given (its lines copied flat): for fields that cannot be packed, and for many kept lines. */
export function loose(fields: FailureFields | undefined, matches: readonly string[]): LooseRecord {
  // Copied: the caller's array is not ours to keep (and may be changed later).
  return { loose: true, fields, matches: matches.map(flatCopy) };
}

// V8 makes slices and concatenations only of 13 characters or more: shorter strings are already flat copies.
const SHORTEST_SLICE = 13;

/** A copy of `text` that is not a slice of (or a concatenation over) a longer string. */
export function flatCopy(text: string): string {
  return text.length < SHORTEST_SLICE ? text : [text.charAt(0), text.slice(1)].join('');
}

/** Unpacks a stored record for `id`. */
export function unpackRecord(shapes: FieldShapes, id: string, stored: StoredRecord): RecordContent {
  if (stored === undefined) return { fields: undefined, matches: [] };
  if (typeof stored !== 'string') return { fields: stored.fields, matches: [...stored.matches] };
  let at = stored.indexOf('|');
  const keys = shapes.keysOf(Number(stored.slice(0, at)));
  at++;
  let fields: Record<string, unknown> | undefined;
  if (keys.length > 0) {
    fields = {};
    for (const key of keys) {
      if (stored.charCodeAt(at) === SAME_AS_ID) {
        fields[key] = id;
        at++;
      } else {
        const [value, next] = readSegment(stored, at);
        fields[key] = value;
        at = next;
      }
    }
  }
  const matches: string[] = [];
  while (at < stored.length) {
    const [line, next] = readSegment(stored, at);
    matches.push(line);
    at = next;
  }
  return { fields, matches };
}

function readSegment(stored: string, at: number): [string, number] {
  let length = 0;
  let i = at;
  for (let code = stored.charCodeAt(i); code !== COLON; code = stored.charCodeAt(++i)) length = length * 10 + code - 48;
  const start = i + 1;
  return [stored.slice(start, start + length), start + length];
}
