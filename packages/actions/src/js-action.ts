/** @module js-action: actions written in JavaScript (`action.d/NAME.mjs`), Fail2Ban's Python actions our way. */
import { pathToFileURL } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import { JsActionLoadError } from './errors.js';
import type { Action, ActionLogger, ActionMethods, ActionSpecInput, BanInfo } from './types.js';

/** What the constructor of a JavaScript action receives. */
export interface JsActionContext {
  /** Jail name. */
  readonly jail: string;
  /** Action name (`action = NAME[…]`). */
  readonly name: string;
  /** The action's options (jail's `NAME[k=v]` values applied), as text. */
  readonly options: Readonly<Record<string, string>>;
  readonly logger: ActionLogger;
}

/**
 * The shape an action.d/NAME.mjs module exports, as its default export or as `Action`:
 * a class taking a JsActionContext, with start/stop/ban/unban (sync or async) and,
 * optionally, flush, reload, prolong, reban, check, batchBan, batchUnban and a `norestored` field.
 */
type JsInstance = Record<string, unknown>;
type JsClass = new (context: JsActionContext) => JsInstance;

const REQUIRED = ['start', 'stop', 'ban', 'unban'] as const;
const OPTIONAL = ['flush', 'reload', 'prolong', 'reban', 'check', 'batchBan', 'batchUnban'] as const;

/** Options of `loadJsAction`. */
export interface JsActionOptions {
  readonly jailName: string;
  /** Action name (default the spec's name, else the file's base name). */
  readonly name?: string;
  readonly options?: Readonly<Record<string, string>>;
  readonly logger?: ActionLogger;
}

const silentLogger: ActionLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Imports `file`, constructs its action class and wraps it as an `Action`. */
export async function loadJsAction(file: string, options: JsActionOptions): Promise<Action> {
  const path = isAbsolute(file) ? file : resolve(file);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new JsActionLoadError(path, `cannot import: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const Class = (typeof module.default === 'function' ? module.default : module.Action) as JsClass | undefined;
  if (typeof Class !== 'function') throw new JsActionLoadError(path, 'exports no action class (expected a default export or `Action`)');
  const name = options.name ?? path.replace(/^.*\//, '').replace(/\.m?js$/, '');
  let instance: JsInstance;
  try {
    instance = new Class({ jail: options.jailName, name, options: options.options ?? {}, logger: options.logger ?? silentLogger });
  } catch (error) {
    throw new JsActionLoadError(path, `constructor failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  for (const method of REQUIRED) {
    if (typeof instance[method] !== 'function') throw new JsActionLoadError(path, `action class has no ${method}() method (required: ${REQUIRED.join(', ')})`);
  }
  const call = (method: string) => async (...args: unknown[]): Promise<never> =>
    (await (instance[method] as (...a: unknown[]) => unknown).apply(instance, args)) as never;
  const action: Action = {
    name,
    norestored: instance.norestored === true,
    start: call('start'),
    stop: call('stop'),
    ban: call('ban') as (info: BanInfo) => Promise<void>,
    unban: call('unban') as (info: BanInfo) => Promise<void>,
    methods: listMethods(instance),
  };
  const extras = action as unknown as Record<string, unknown>;
  for (const method of OPTIONAL) {
    if (typeof instance[method] === 'function') extras[method] = call(method);
  }
  if (action.batchBan) {
    const batch = action.batchBan;
    action.batchBan = async (infos) => (await batch(infos)) ?? [];
  }
  return action;
}

/** The instance's methods, found on it and its prototype chain up to (not including) Object.prototype. */
function listMethods(instance: JsInstance): ActionMethods {
  const names = (): string[] => {
    const found = new Set<string>();
    for (let o: object | null = instance; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
      for (const key of Object.getOwnPropertyNames(o)) {
        // The descriptor, not o[key]: a getter is a property, and reading it must not run code.
        if (key !== 'constructor' && typeof Object.getOwnPropertyDescriptor(o, key)?.value === 'function') found.add(key);
      }
    }
    return [...found].sort();
  };
  return {
    list: names,
    has: (name) => names().includes(name),
    async call(name, argument) {
      if (!names().includes(name)) throw new TypeError(`no method ${name}()`);
      return await (instance[name] as (a: unknown) => unknown).call(instance, argument);
    },
  };
}

/** Loads the JavaScript action a resolved spec names (`kind: 'javascript'`). */
export function loadJsActionSpec(spec: ActionSpecInput, jailName: string, logger?: ActionLogger): Promise<Action> {
  return loadJsAction(spec.file, { jailName, name: spec.name, options: spec.options, ...(logger ? { logger } : {}) });
}
