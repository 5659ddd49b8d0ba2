/** @module _keys: the option names Fail2Ban reads from each kind of section. */

/** Options a filter's [Definition] provides to the jail. */
export const FILTER_KEYS = ['usedns', 'prefregex', 'ignoreregex', 'failregex', 'maxlines', 'datepattern', 'journalmatch'] as const;

/** Options an action's [Definition] provides (the commands and their switches). */
export const ACTION_KEYS = [
  'actionstart',
  'actionstart_on_demand',
  'actionstop',
  'actionflush',
  'actionreload',
  'actioncheck',
  'actionrepair',
  'actionrepair_on_unban',
  'actionban',
  'actionprolong',
  'actionreban',
  'actionunban',
  'norestored',
] as const;

/** Boolean action switches. */
export const ACTION_BOOL_KEYS: ReadonlySet<string> = new Set(['actionstart_on_demand', 'actionrepair_on_unban', 'norestored']);

/** Tags an action must keep for run time even when the action defines them (Fail2Ban's escaped tags). */
export const ACTION_RUNTIME_TAGS: ReadonlySet<string> = new Set(['matches', 'ipmatches', 'ipjailmatches', 'timeout', 'bantime']);

/** Options read from a jail section before its filter (to know whether and how to read it). */
export const JAIL_FIRST_KEYS = ['enabled', 'backend', 'filter'] as const;

/** Options read from a jail section. */
export const JAIL_KEYS = [
  'enabled',
  'backend',
  'maxretry',
  'maxmatches',
  'findtime',
  'bantime',
  'bantime.increment',
  'bantime.factor',
  'bantime.formula',
  'bantime.multipliers',
  'bantime.maxtime',
  'bantime.rndtime',
  'bantime.overalljails',
  'ignorecommand',
  'ignoreself',
  'ignoreip',
  'ignorecache',
  'filter',
  'logtimezone',
  'logencoding',
  'logpath',
  'action',
  ...FILTER_KEYS,
] as const;

/** Integer jail options (a bad value is a warning and falls back, as in Fail2Ban). */
export const JAIL_INT_KEYS: ReadonlySet<string> = new Set(['maxretry', 'maxmatches', 'maxlines']);
/** Boolean jail options. */
export const JAIL_BOOL_KEYS: ReadonlySet<string> = new Set(['enabled', 'bantime.increment', 'bantime.overalljails', 'ignoreself']);
