/** @module format-status: status trees and statistics tables, drawn like fail2ban-client draws them. */
import type { BannedIpsResult, BannedResult, BanListEntry, FleetLinkStatus, JailStatisticsRow, JailStatusResult, StatusResult } from '@f2b/transmitter';

type TreeValue = string | number | readonly (string | number)[];
type Tree = ReadonlyArray<readonly [string, TreeValue | Tree]>;

function isBranch(value: TreeValue | Tree): value is Tree {
  return Array.isArray(value) && value.length > 0 && Array.isArray(value[0]);
}

/** Draws `|-` / `` `- `` branches; a leaf prints `name:\tvalue` (lists joined by spaces). */
export function drawTree(title: string, tree: Tree): string {
  const lines = [title];
  const walk = (nodes: Tree, indent: string): void => {
    nodes.forEach(([name, value], index) => {
      const last = index === nodes.length - 1;
      if (isBranch(value)) {
        lines.push(`${indent}${last ? '`-' : '|-'} ${name}`);
        walk(value, indent + (last ? '   ' : '|  '));
      } else {
        const text = Array.isArray(value) ? value.join(' ') : String(value);
        lines.push(`${indent}${last ? '`-' : '|-'} ${name}:\t${text}`);
      }
    });
  };
  walk(tree, '');
  return lines.join('\n');
}

/** `status`: number of jails and their names. */
export function formatServerStatus(status: StatusResult): string {
  return drawTree('Status', [
    ['Number of jail', status.jails.length],
    ['Jail list', status.jails.join(', ')],
    ...(status.fleet ? [['Fleet', fleetBranch(status.fleet)] as const] : []),
  ]);
}

/** The fleet link: where, whether it is up, how far it has read, what waits to be sent. */
function fleetBranch(fleet: FleetLinkStatus): Tree {
  const down = fleet.downSince === null ? '' : ` (unreachable since ${new Date(fleet.downSince * 1000).toISOString()})`;
  return [
    ['Redis', fleet.url],
    ['Stream', `${fleet.stream} (origin ${fleet.origin})`],
    ['Connected', `${fleet.connected ? 'yes' : 'no'}${down}`],
    ['Last id', fleet.lastId ?? '-'],
    ['Lag', fleet.lagMs === null ? '-' : `${fleet.lagMs} ms`],
    ['Queued events', fleet.queued],
    ['Published / applied', `${fleet.published} / ${fleet.applied}`],
  ];
}

/** `status JAIL`: the filter and actions branches. */
export function formatJailStatus(status: JailStatusResult): string {
  const filter: Array<readonly [string, TreeValue]> = [
    ['Currently failed', status.filter.currentlyFailed],
    ['Total failed', status.filter.totalFailed],
  ];
  if (status.filter.fileList) filter.push(['File list', status.filter.fileList]);
  if (status.filter.journalMatches) filter.push(['Journal matches', status.filter.journalMatches.join(' + ')]);
  const actions: Array<readonly [string, TreeValue]> = [
    ['Currently banned', status.actions.currentlyBanned],
    ['Total banned', status.actions.totalBanned],
  ];
  if (status.actions.bannedIps) actions.push(['Banned IP list', status.actions.bannedIps]);
  return drawTree(`Status for the jail: ${status.jail}`, [
    ['Filter', filter],
    ['Actions', actions],
  ]);
}

/** Box-drawing characters of the statistics table: UTF-8 double lines, or ASCII. */
interface TableChars {
  readonly column: string;
  readonly rule: string;
  readonly groupStart: string;
  readonly groupJoin: string;
  readonly cross: string;
  readonly bottomJoin: string;
  readonly pair: string;
  readonly underline: string;
}

const UNICODE_TABLE: TableChars = { column: '\u2551', rule: '\u2550', groupStart: '\u255F', groupJoin: '\u256B', cross: '\u256C', bottomJoin: '\u2569', pair: '\u2502', underline: '\u2500' };
const ASCII_TABLE: TableChars = { column: '|', rule: '-', groupStart: '|', groupJoin: 'x', cross: 'x', bottomJoin: '-', pair: '|', underline: '-' };

/** Smallest width of each column: Jail, Backend, then current/total of Filter and of Actions. */
const MIN_WIDTHS = [8, 8, 3, 3, 3, 3] as const;

/**
 * `statistics` / `status --all stats`: fail2ban-client's table — Jail and Backend, then Filter and
 * Actions groups with current and total counts. `unicode` false draws it in ASCII (fail2ban-client
 * does when its output is not UTF-8).
 */
export function formatStatistics(rows: readonly JailStatisticsRow[], unicode = true): string {
  if (rows.length === 0) return 'No jails found.';
  const c = unicode ? UNICODE_TABLE : ASCII_TABLE;
  const cells = rows.map((r) => [r.jail, r.backend, r.currentlyFailed, r.totalFailed, r.currentlyBanned, r.totalBanned].map(String));
  const w = MIN_WIDTHS.map((min, column) => Math.max(min, ...cells.map((row) => (row[column] as string).length)));
  const [jailW, backendW, fcurW, ftotW, acurW, atotW] = w as [number, number, number, number, number, number];
  const groups = [jailW, backendW, 3 + fcurW + ftotW, 3 + acurW + atotW] as const;
  const bar = ` ${c.column} `;
  const pair = (a: string, aw: number, b: string, bw: number) => `${a.padStart(aw)} ${c.pair} ${b.padStart(bw)}`;
  const line = (cellsOf: readonly string[]) =>
    ` ${[
      (cellsOf[0] as string).padEnd(jailW),
      (cellsOf[1] as string).padEnd(backendW),
      pair(cellsOf[2] as string, fcurW, cellsOf[3] as string, ftotW),
      pair(cellsOf[4] as string, acurW, cellsOf[5] as string, atotW),
    ].join(bar)}`;
  const across = (join: string) => c.rule + groups.map((n) => c.rule.repeat(n)).join(c.rule + join + c.rule) + c.rule;
  const groupRule = `${c.groupStart}${c.underline}${[groups[2], groups[3]].map((n) => c.underline.repeat(n)).join(c.underline + c.groupJoin + c.underline)}${c.underline}`;
  return [
    ` ${['', '', 'Filter'.padEnd(groups[2]), 'Actions'.padEnd(groups[3])].map((t, i) => (i < 2 ? t.padEnd(groups[i] as number) : t)).join(bar)}`,
    ` ${'Jail'.padEnd(jailW)}${bar}${'Backend'.padEnd(backendW)} ${groupRule}`,
    line(['', '', 'cur', 'tot', 'cur', 'tot']),
    across(c.cross),
    ...cells.map(line),
    across(c.bottomJoin),
  ].join('\n');
}

/**
 * Whether tables may use UTF-8 line drawing: yes unless the locale names another character set
 * (`LANG=en_US.ISO-8859-1`); like Python 3, a plain `C` locale counts as UTF-8.
 */
export function localeIsUtf8(env: NodeJS.ProcessEnv): boolean {
  const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
  const codeset = /\.([^@]+)/.exec(locale)?.[1];
  return codeset === undefined || /^utf-?8$/i.test(codeset);
}

/** `banned`: each jail with its addresses. */
export function formatBanned(result: BannedResult): string {
  if (result.length === 0) return 'No jails';
  return result.map(({ jail, ips }) => `${jail}:\t${ips.length === 0 ? '(none)' : ips.join(' ')}`).join('\n');
}

/** `banned IP…`: the jails banning each address given. */
export function formatBannedIps(ips: readonly string[], result: BannedIpsResult): string {
  return ips.map((ip, index) => `${ip}:\t${(result[index] ?? []).join(', ') || 'not banned'}`).join('\n');
}

/** Local time as `YYYY-MM-DD HH:MM:SS`, the way Fail2Ban prints ban times. */
export function formatTime(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** `get JAIL banip --with-time`: `IP \tbanned + bantime = end`. */
export function formatBanListWithTime(entries: readonly BanListEntry[]): string {
  return entries
    .map((entry) => `${entry.ip} \t${formatTime(entry.bannedAt)} + ${entry.bantime} = ${entry.endsAt === null ? 'never' : formatTime(entry.endsAt)}`)
    .join('\n');
}
