/** @module _action-methods: `set JAIL action ACT METHOD [JSON]` — calling a JavaScript action's method, as Fail2Ban does for Python actions. */
import type { ActionMethods } from '@f2b/actions';
import { ServerError } from './errors.js';

/** Longest piece of user text (JSON, an exception message) quoted back in an error reply. */
const CLIP = 200;

/**
 * Calls `method` with the JSON object `json` (none: `{}`, like Fail2Ban's empty kwargs) and replies
 * with what it returns, awaited and made JSON (`undefined` → null). Bad JSON, a throwing method or a
 * result that is not JSON are one-line error replies; the jail and its action keep running.
 */
export async function callActionMethod(jail: string, action: string, method: string, json: string | null, methods: ActionMethods): Promise<unknown> {
  const where = `set ${jail} action ${action} ${method}`;
  let argument: unknown = {};
  if (json !== null) {
    try {
      argument = JSON.parse(json);
    } catch {
      throw new ServerError('E_VALUE', `${where}: arguments '${oneLine(json)}' are not valid JSON (expected an object, e.g. {"reset": true})`);
    }
  }
  // Fail2Ban passes them as keyword arguments, so only an object makes sense.
  if (typeof argument !== 'object' || argument === null || Array.isArray(argument)) {
    throw new ServerError('E_VALUE', `${where}: arguments must be a JSON object (got '${oneLine(json ?? '')}')`);
  }
  let result: unknown;
  try {
    result = await methods.call(method, argument as Record<string, unknown>);
  } catch (error) {
    throw new ServerError('E_ACTION_METHOD', `${where}: ${method}() failed: ${oneLine(error instanceof Error ? error.message : String(error))}`);
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(result ?? null);
  } catch (error) {
    throw new ServerError('E_ACTION_METHOD', `${where}: ${method}() returned a value that is not JSON (${oneLine((error as Error).message)})`);
  }
  // A function or symbol stringifies to undefined.
  if (text === undefined) throw new ServerError('E_ACTION_METHOD', `${where}: ${method}() returned a ${typeof result}, not JSON`);
  return JSON.parse(text) as unknown;
}

/** Error replies are one line: the first line of `text`, clipped. */
function oneLine(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return first.length > CLIP ? `${first.slice(0, CLIP)}…` : first;
}
