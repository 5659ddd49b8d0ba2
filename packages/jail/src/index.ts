/** @module @f2b/jail: failures per address, bans with Fail2Ban's semantics, ignore rules, and a guard for Node servers. */

// The jail
export { createJail, Jail, type Failure, type JailStatus, type RestoredBan } from './jail.js';
export { resolveJailOptions, type JailOptions, type ResolvedJailOptions } from './options.js';
export { endOfBan, PERMANENT_END, type BanTicket, type AddressFamily, type FailureFields } from './ticket.js';

// Ban time increment
export { createBanTimeCalculator, type BanTimeCalculator, type BanTimeIncrementOptions } from './ban-time.js';
export { parseBanTimeFormula, DEFAULT_BANTIME_FORMULA, type BanTimeFormula, type FormulaScope } from './formula.js';
export { createMemoryBanHistory, type BanHistory, type BanRecord, type MemoryBanHistoryOptions } from './ban-history.js';

// Ignore rules
export { createIgnoreRules, type IgnoreOptions, type IgnoreRules, type CommandRunner, type NameResolver } from './ignore.js';

// Guard for Node servers
export { createGuard, type Guard, type GuardBan, type GuardOptions } from './guard.js';

// Errors
export { JailError, JailOptionError, FormulaError, AddressError, NotBannedError, type JailErrorCode } from './errors.js';
