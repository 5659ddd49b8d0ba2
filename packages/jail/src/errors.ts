/** @module errors: user-caused jail errors, each a single line naming the jail, option or formula at fault. */

/** Codes of jail errors, for callers that branch on the kind of problem. */
export type JailErrorCode = 'E_JAIL_OPTION' | 'E_JAIL_FORMULA' | 'E_JAIL_ADDRESS' | 'E_JAIL_NOT_BANNED';

/** A problem the user can fix (a bad option, formula or address); `message` is one line. */
export class JailError extends Error {
  override readonly name: string = 'JailError';
  constructor(
    readonly code: JailErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A jail option with a value outside what it accepts. */
export class JailOptionError extends JailError {
  override readonly name = 'JailOptionError';
  constructor(
    readonly jail: string,
    readonly option: string,
    detail: string,
  ) {
    super('E_JAIL_OPTION', `jail '${jail}': option '${option}': ${detail}`);
  }
}

/** A `bantime.formula` outside the supported Python subset, or one that fails to evaluate. */
export class FormulaError extends JailError {
  override readonly name = 'FormulaError';
  constructor(
    readonly formula: string,
    readonly position: number,
    detail: string,
  ) {
    super('E_JAIL_FORMULA', `bantime.formula '${formula}': at column ${position + 1}: ${detail}`);
  }
}

/** Text that is not an IP address or network where one is required (banip, unbanip, guard lists). */
export class AddressError extends JailError {
  override readonly name = 'AddressError';
  constructor(
    readonly text: string,
    where: string,
  ) {
    super('E_JAIL_ADDRESS', `${where}: '${text}' is not an IP address or CIDR network`);
  }
}

/** `unbanip` of an address the jail has not banned. */
export class NotBannedError extends JailError {
  override readonly name = 'NotBannedError';
  constructor(
    readonly jail: string,
    readonly id: string,
  ) {
    super('E_JAIL_NOT_BANNED', `jail '${jail}': ${id} is not banned`);
  }
}
