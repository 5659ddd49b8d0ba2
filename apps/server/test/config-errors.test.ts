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

describe('f2b-server with a jail whose filter mode names nothing', () => {
  it('logs one line naming the filter and the option, leaves that jail out and runs the others', async () => {
    const t = (tree = makeServerTree({
      files: { 'conf/filter.d/modal.conf': MODAL_FILTER },
    }));
    const jails = readFileSync(`${t.conf}/jail.conf`, 'utf8');
    const bad = `\n[bogus]\nenabled = true\nfilter = modal[mode=bogus]\nlogpath = ${t.authLog}\nbackend = polling\naction = record\n`;
    const good = `\n[modal]\nenabled = true\nfilter = modal[mode=normal]\nlogpath = ${t.authLog}\nbackend = polling\nmaxretry = 1\naction = record\n`;
    t.tree.write('conf/jail.conf', jails + bad + good);
    const server = await startServer(t);
    expect(await server.ask(['status'])).toEqual({ jails: ['modal', 't'] });
    const log = readFileSync(t.logfile, 'utf8');
    const lines = log.split('\n').filter((l) => l.includes("mode 'bogus'"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${t.conf}/filter.d/modal.conf: option 'failregex': mode 'bogus' selects <mdre-bogus>, which is not defined`);
    expect(log).not.toMatch(/\n\s+at /);
    // The jails that loaded still work.
    t.fail('192.0.2.7');
    await waitFor(() => t.actions().includes('ban 192.0.2.7'), 10_000, 'the modal jail to ban');
  });
});
