/** @module actions: runs ban actions (action.d commands and JavaScript actions) with safe tag substitution and batching. */

// The contract
export type { Action, ActionLogger, ActionMethods, ActionSpecInput, BanInfo, CommandResult, CommandRunner, Family, ShellCommand } from './types.js';

// Command actions (action.d/NAME.conf)
export { createCommandAction, type CommandActionOptions } from './command-action.js';
export { createShellRunner, type ShellRunnerOptions } from './exec.js';
export type { HostResolver } from './_command-core.js';
export { reverseAddress } from './_ban-tags.js';

// JavaScript actions (action.d/NAME.mjs)
export { loadJsAction, loadJsActionSpec, type JsActionContext, type JsActionOptions } from './js-action.js';

// Running actions for a jail
export { createActionRunner, type ActionRunner, type ActionRunnerOptions, type BulkOutcome, type RunOutcome } from './action-runner.js';

// Errors
export { ActionBrokenError, ActionCommandError, ActionTimeoutError, JsActionLoadError, TagRecursionError, type ActionPlace } from './errors.js';
