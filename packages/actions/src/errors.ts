/** @module errors: action failures with a literal `code` and a one-line message naming jail, action and operation. */

/** Where an action error happened: jail, action and operation (`actionban`). */
export interface ActionPlace {
  readonly jail: string;
  readonly action: string;
  readonly operation: string;
}

function placeText(place: ActionPlace): string {
  return `jail '${place.jail}': action '${place.action}': ${place.operation}`;
}

/** Keeps an error message on one line and short, whatever the command printed. */
function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** A command exited non-zero. */
export class ActionCommandError extends Error {
  readonly code = 'E_ACTION_COMMAND' as const;
  constructor(
    readonly place: ActionPlace,
    readonly exitCode: number | null,
    readonly stderr: string,
    readonly signal: string | null = null,
  ) {
    const how = exitCode === null ? `was killed by ${signal ?? 'a signal'}` : `failed with exit code ${exitCode}`;
    const err = firstLine(stderr);
    super(`${placeText(place)} ${how}${err ? `: ${err}` : ''}`);
    this.name = 'ActionCommandError';
  }
}

/** A command ran past its timeout; its whole process group was killed. */
export class ActionTimeoutError extends Error {
  readonly code = 'E_ACTION_TIMEOUT' as const;
  constructor(readonly place: ActionPlace, readonly timeoutMs: number) {
    super(`${placeText(place)} timed out after ${timeoutMs} ms (process group killed)`);
    this.name = 'ActionTimeoutError';
  }
}

/** Tags refer to each other in a loop (`a = <b>`, `b = <a>`). */
export class TagRecursionError extends Error {
  readonly code = 'E_ACTION_TAG_RECURSION' as const;
  constructor(readonly action: string, readonly option: string, readonly tag: string) {
    super(`action '${action}': option '${option}': tag <${tag}> refers to itself (directly or through other tags)`);
    this.name = 'TagRecursionError';
  }
}

/** A JavaScript action file could not be loaded or does not export an action class. */
export class JsActionLoadError extends Error {
  readonly code = 'E_ACTION_JS_LOAD' as const;
  constructor(readonly file: string, readonly reason: string, options?: { cause?: unknown }) {
    super(`${file}: ${reason}`, options);
    this.name = 'JsActionLoadError';
  }
}

/** The action environment stays broken after `actioncheck` + `actionrepair`. */
export class ActionBrokenError extends Error {
  readonly code = 'E_ACTION_BROKEN' as const;
  constructor(readonly place: ActionPlace) {
    super(`${placeText(place)}: invariant check failed and repair did not restore a sane environment`);
    this.name = 'ActionBrokenError';
  }
}
