/** @module config-errors.test: a jail whose filter names an unknown mode is left out with one log line; the others run. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { killAllServers, makeServerTree, startServer, waitFor, type ServerTree } from './_harness.js';

let tree: ServerTree | null = null;
afterEach(async () => {
  await killAllServers();
  tree?.remove();
  tree = null;
});

const MODAL_FILTER = '[Definition]\nmode = normal\nmdre-normal = ^login failed for \\S+ from <HOST>$\nfailregex = <mdre-<mode>>\ndatepattern = {NONE}\n';

describe('f2b-server with jails whose filter options name nothing', () => {
  it('logs one line naming the filter and the option, leaves that jail out and runs the others', async () => {
    const t = (tree = makeServerTree({
      files: { 'conf/filter.d/modal.conf': MODAL_FILTER, 'conf/filter.d/refs.conf': '[Definition]\nfailregex = ^%(nothing_here)s <HOST>$\n' },
    }));
    const jails = readFileSync(`${t.conf}/jail.conf`, 'utf8');
    const bad = `\n[bogus]\nenabled = true\nfilter = modal[mode=bogus]\nlogpath = ${t.authLog}\nbackend = polling\naction = record\n`;
    const refs = `\n[refs]\nenabled = true\nfilter = refs\nlogpath = ${t.authLog}\nbackend = polling\naction = record\n`;
    const good = `\n[modal]\nenabled = true\nfilter = modal[mode=normal]\nlogpath = ${t.authLog}\nbackend = polling\nmaxretry = 1\naction = record\n`;
    t.tree.write('conf/jail.conf', jails + bad + refs + good);
    const server = await startServer(t);
    expect(await server.ask(['status'])).toMatchObject({ jails: ['modal', 't'] });
    const log = readFileSync(t.logfile, 'utf8');
    const lines = log.split('\n').filter((l) => l.includes("mode 'bogus'"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${t.conf}/filter.d/modal.conf: option 'failregex': mode 'bogus' selects <mdre-bogus>, which is not defined`);
    // A %(…)s that names no option: the same, one line naming the file, line and option.
    const refLines = log.split('\n').filter((l) => l.includes('%(nothing_here)s'));
    expect(refLines).toHaveLength(1);
    expect(refLines[0]).toContain(`${t.conf}/filter.d/refs.conf:2: option 'failregex': '%(nothing_here)s' names no option`);
    expect(log).not.toMatch(/\n\s+at /);
    // The jails that loaded still work.
    t.fail('192.0.2.7');
    await waitFor(() => t.actions().includes('ban 192.0.2.7'), 10_000, 'the modal jail to ban');
  });
});
