/** @module transmitter: fail2ban-client's command grammar, and f2b's socket protocol (JSON lines over a Unix socket). */

// Commands: grammar, parsing, help.
export type {
  Command,
  CommandKind,
  CommandOf,
  JailBooleanOption,
  JailDurationOption,
  JailIntegerOption,
  JailQuery,
  JailSetting,
  JailTextOption,
  LogLevel,
  ServerOption,
  ServerSetting,
  StatusFlavor,
  UseDns,
} from './command.js';
export { parseCommand, COMMAND_WORDS, SERVER_OPTIONS, MAX_WORDS } from './parse.js';
export { parseDuration } from './_values.js';
export { helpText, GRAMMAR, type GrammarEntry } from './help.js';

// Results the server returns and the client formats.
export type {
  BanListEntry,
  BanListResult,
  BanListWithTimeResult,
  BannedIpsResult,
  BannedResult,
  JailStatisticsRow,
  JailStatusResult,
  PingResult,
  Reply,
  ReplyError,
  StatisticsResult,
  CurrentBan,
  JailOverview,
  ServerOverview,
  StatusEvent,
  StatusAllResult,
  StatusResult,
  FleetLinkStatus,
} from './results.js';

// Socket protocol.
export { createCommandServer, toReplyError, type CommandHandler, type CommandServer, type CommandServerOptions } from './server.js';
export { sendCommand, isSocketAlive, type SendCommandOptions } from './client.js';

// Errors.
export {
  CommandError,
  CommandTimeoutError,
  ProtocolError,
  ServerNotRunningError,
  SocketAccessError,
  SocketInUseError,
  SocketPathError,
  WIRE_ERROR_CODES,
} from './errors.js';
