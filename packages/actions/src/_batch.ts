/** @module batch: many bans per command (`actionban_batch` with `<batch>`), falling back to one command per ban on failure. */
import { lookupBanTag } from './_ban-tags.js';
import { MAX_VALUE_LENGTH } from './_dynamic.js';
import { operationText, runOperation, type CommandCore } from './_command-core.js';
import { substituteStaticTags, TAG_RE } from './_tags.js';
import type { BanInfo, Family } from './types.js';

/** Default number of bans per batched command (`batch_max`). */
export const DEFAULT_BATCH_MAX = 1000;

/** The per-ban text of a batch: `batch_item` (`batch_item_permanent` for bantime -1), tags replaced as plain text. */
function itemText(core: CommandCore, operation: string, info: BanInfo): string {
  const options = core.source.options;
  const unban = operation === 'actionunban_batch';
  const template = unban
    ? (options.batch_item_unban ?? '<ip>')
    : info.bantime < 0
      ? (options.batch_item_permanent ?? options.batch_item ?? '<ip>')
      : (options.batch_item ?? '<ip>');
  const trusted = substituteStaticTags(core.source, 'batch_item', template, info.family);
  const lookup = lookupBanTag(info, { family: info.family, now: core.now() });
  // The joined items travel in the environment (`<batch>`), never through the shell parser.
  return trusted.replace(TAG_RE, (whole, tag: string) => lookup(tag) ?? whole);
}

/** Splits bans into runs of one family, each at most `max` items and MAX_VALUE_LENGTH characters. */
function chunkByFamily(items: ReadonlyArray<{ info: BanInfo; text: string }>, max: number, separator: string) {
  const chunks: Array<{ family: Family; items: Array<{ info: BanInfo; text: string }> }> = [];
  const open = new Map<Family, { family: Family; items: Array<{ info: BanInfo; text: string }>; size: number }>();
  for (const item of items) {
    let chunk = open.get(item.info.family);
    const grow = item.text.length + separator.length;
    if (!chunk || chunk.items.length >= max || chunk.size + grow > MAX_VALUE_LENGTH) {
      chunk = { family: item.info.family, items: [], size: 0 };
      open.set(item.info.family, chunk);
      chunks.push(chunk);
    }
    chunk.items.push(item);
    chunk.size += grow;
  }
  return chunks;
}

/**
 * Applies bans (or unbans) in batches: one `operation` command per chunk with `<batch>`
 * = the items joined by `batch_separator` (default `, `) and `<batch-count>`. A failed
 * chunk is retried one ban at a time with `single`, so one bad element cannot drop
 * the others. Returns the bans that could not be applied at all.
 */
export async function applyBatch(
  core: CommandCore,
  operation: 'actionban_batch' | 'actionunban_batch',
  infos: readonly BanInfo[],
  single: (info: BanInfo) => Promise<void>,
  beforeFamily: (family: Family) => Promise<void>,
): Promise<readonly BanInfo[]> {
  const max = Number(core.source.options.batch_max ?? DEFAULT_BATCH_MAX);
  const separator = core.source.options.batch_separator ?? ', ';
  const items = infos.map((info) => ({ info, text: itemText(core, operation, info) }));
  const failed: BanInfo[] = [];
  for (const chunk of chunkByFamily(items, Number.isInteger(max) && max > 0 ? max : DEFAULT_BATCH_MAX, separator)) {
    try {
      await beforeFamily(chunk.family);
      const text = operationText(core, operation, chunk.family);
      const batch = chunk.items.map((item) => item.text).join(separator);
      await runOperation(core, operation, chunk.family, null, { batch, 'batch-count': String(chunk.items.length) }, text);
      continue;
    } catch (error) {
      core.logger.warn(`${error instanceof Error ? error.message : String(error)}; applying ${chunk.items.length} one by one`);
    }
    for (const { info } of chunk.items) {
      try {
        await single(info);
      } catch (error) {
        core.logger.error(error instanceof Error ? error.message : String(error));
        failed.push(info);
      }
    }
  }
  return failed;
}
