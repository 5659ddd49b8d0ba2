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

/** `statistics`: one row per jail, failures and bans now and in total. */
export function formatStatistics(rows: readonly JailStatisticsRow[]): string {
  const header = ['Jail', 'Backend', 'Failed', 'Total failed', 'Banned', 'Total banned'];
  const body = rows.map((row) => [row.jail, row.backend, row.currentlyFailed, row.totalFailed, row.currentlyBanned, row.totalBanned].map(String));
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => (cells[column] as string).length)));
  // Names align left, counts right, as in a spreadsheet.
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number))).join(' | ').trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
  return [line(header), rule, ...body.map(line)].join('\n');
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
