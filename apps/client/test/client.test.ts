import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import type { Command, CommandServer, JailStatusResult } from '@f2b/transmitter';
import { runF2bClient, startFakeServer } from './_client-harness.js';

// Ban times print in local time; pin the zone so expectations are exact.
process.env.TZ = 'UTC';

const sshd: JailStatusResult = {
  jail: 'sshd',
  filter: { currentlyFailed: 2, totalFailed: 17, fileList: ['/var/log/auth.log'] },
  actions: { currentlyBanned: 2, totalBanned: 5, bannedIps: ['192.0.2.7', '198.51.100.9'] },
};
const nginx: JailStatusResult = {
  jail: 'nginx',
  filter: { currentlyFailed: 0, totalFailed: 3, journalMatches: ['_SYSTEMD_UNIT=nginx.service', '_COMM=nginx'] },
  actions: { currentlyBanned: 0, totalBanned: 1, bannedIps: [] },
};

const STATISTICS = [
  { jail: 'nginx', backend: 'systemd', currentlyFailed: 0, totalFailed: 3, currentlyBanned: 0, totalBanned: 1 },
  { jail: 'sshd', backend: 'polling', currentlyFailed: 2, totalFailed: 17, currentlyBanned: 2, totalBanned: 5 },
];

// fail2ban-client 1.1's `statistics` output for the rows above (its Beautifier, run on them), UTF-8 and ASCII.
const FAIL2BAN_STATS_UTF8 = [
  '          ║          ║ Filter    ║ Actions  ',
  ' Jail     ║ Backend  ╟───────────╫───────────',
  '          ║          ║ cur │ tot ║ cur │ tot',
  '══════════╬══════════╬═══════════╬═══════════',
  ' nginx    ║ systemd  ║   0 │   3 ║   0 │   1',
  ' sshd     ║ polling  ║   2 │  17 ║   2 │   5',
  '══════════╩══════════╩═══════════╩═══════════',
  '',
].join('\n');
const FAIL2BAN_STATS_ASCII = [
  '          |          | Filter    | Actions  ',
  ' Jail     | Backend  |-----------x-----------',
  '          |          | cur | tot | cur | tot',
  '----------x----------x-----------x-----------',
  ' nginx    | systemd  |   0 |   3 |   0 |   1',
  ' sshd     | polling  |   2 |  17 |   2 |   5',
  '---------------------------------------------',
  '',
].join('\n');

function answer(command: Command): unknown {
  switch (command.kind) {
    case 'ping':
      return 'pong';
    case 'status':
      return { jails: ['nginx', 'sshd'] };
    case 'status-jail':
      if (command.jail !== 'sshd') throw Object.assign(new Error(`Sorry but the jail '${command.jail}' does not exist`), { code: 'E_UNKNOWN_JAIL' });
      return sshd;
    case 'statistics':
      return { jails: STATISTICS };
    case 'status-all':
      return command.flavor === 'stats' ? { jails: STATISTICS } : { jails: [nginx, sshd] };
    case 'banned':
      return command.ips.length === 0 ? [{ jail: 'sshd', ips: ['192.0.2.7'] }, { jail: 'nginx', ips: [] }] : command.ips.map((ip) => (ip === '192.0.2.7' ? ['sshd'] : []));
    case 'jail-get':
      if (command.option === 'banip') {
        if (command.withTime) return [{ ip: '192.0.2.7', bannedAt: 1_700_000_000, bantime: 600, endsAt: 1_700_000_600 }, { ip: '198.51.100.9', bannedAt: 1_700_000_100, bantime: -1, endsAt: null }];
        return ['192.0.2.7', '198.51.100.9'];
      }
      if (command.option === 'failregex') return ['^fail <HOST>$', '^bad user \\S+ from <HOST>$'];
      if (command.option === 'maxretry') return 5;
      return null;
    case 'server-get':
      return command.option === 'loglevel' ? 'INFO' : null;
    case 'echo':
      return command.words;
    default:
      return null;
  }
}

let tree: TempTree;
let server: CommandServer;
let seen: Command[];
let socket: string;

beforeAll(async () => {
  tree = makeTempTree();
  socket = tree.path('f2b.sock');
  ({ server, seen } = await startFakeServer(socket, answer));
});

afterAll(async () => {
  await server.close();
  tree.remove();
});

describe('f2b-client', () => {
  it('prints one line naming the socket and exits 255 when the server is not running', async () => {
    const missing = tree.path('missing.sock');
    const run = await runF2bClient(['-s', missing, 'status']);
    expect(run).toEqual({ status: 255, stdout: '', stderr: `Failed to access socket path: ${missing}. Is f2b-server running?\n` });
  });

  it('rejects a bad command with one line and exit 2, without asking the server', async () => {
    const before = seen.length;
    expect(await runF2bClient(['-s', socket, 'set', 'sshd', 'maxretry', 'x'])).toEqual({ status: 2, stdout: '', stderr: "set sshd maxretry: 'x' is not a number\n" });
    expect(await runF2bClient(['-s', socket, 'frobnicate'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^unknown command 'frobnicate' \(expected .*\)\n$/) });
    expect(await runF2bClient(['--bogus'])).toEqual({ status: 2, stdout: '', stderr: "unknown option '--bogus' (see f2b-client -h)\n" });
    expect(seen.length).toBe(before);
  });

  it('answers ping', async () => {
    expect(await runF2bClient(['-s', socket, 'ping'])).toEqual({ status: 0, stdout: 'Server replied: pong\n', stderr: '' });
  });

  it('prints the server status tree', async () => {
    const run = await runF2bClient(['-s', socket, 'status']);
    expect(run.stdout).toBe('Status\n|- Number of jail:\t2\n`- Jail list:\tnginx, sshd\n');
  });

  it("prints a jail's status tree like fail2ban-client", async () => {
    const run = await runF2bClient(['-s', socket, 'status', 'sshd']);
    expect(run.stdout).toBe(
      [
        'Status for the jail: sshd',
        '|- Filter',
        '|  |- Currently failed:\t2',
        '|  |- Total failed:\t17',
        '|  `- File list:\t/var/log/auth.log',
        '`- Actions',
        '   |- Currently banned:\t2',
        '   |- Total banned:\t5',
        '   `- Banned IP list:\t192.0.2.7 198.51.100.9',
        '',
      ].join('\n'),
    );
  });

  it('prints every jail for status --all, with journal matches for journal jails', async () => {
    const run = await runF2bClient(['-s', socket, 'status', '--all']);
    expect(run.stdout).toContain('Status for the jail: nginx\n|- Filter\n|  |- Currently failed:\t0\n|  |- Total failed:\t3\n|  `- Journal matches:\t_SYSTEMD_UNIT=nginx.service + _COMM=nginx\n');
    expect(run.stdout).toContain('\n\nStatus for the jail: sshd\n');
  });

  it("prints statistics as fail2ban-client's table, for both commands, in ASCII when the locale is not UTF-8", async () => {
    expect((await runF2bClient(['-s', socket, 'statistics'])).stdout).toBe(FAIL2BAN_STATS_UTF8);
    expect((await runF2bClient(['-s', socket, 'stats'], { env: { LANG: 'C.UTF-8' } })).stdout).toBe(FAIL2BAN_STATS_UTF8);
    expect((await runF2bClient(['-s', socket, 'status', '--all', 'stats'])).stdout).toBe(FAIL2BAN_STATS_UTF8);
    expect((await runF2bClient(['-s', socket, 'statistics'], { env: { LANG: 'en_US.ISO-8859-1' } })).stdout).toBe(FAIL2BAN_STATS_ASCII);
  });

  it('prints statistics and status --all stats as JSON with --json', async () => {
    for (const words of [['statistics'], ['status', '--all', 'stats']]) {
      const run = await runF2bClient(['-s', socket, '--json', ...words]);
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ jails: STATISTICS });
    }
  });

  it('prints ban lists with a separator or with times', async () => {
    expect((await runF2bClient(['-s', socket, 'get', 'sshd', 'banip', ','])).stdout).toBe('192.0.2.7,198.51.100.9\n');
    expect((await runF2bClient(['-s', socket, 'get', 'sshd', 'banip', '--with-time'])).stdout).toBe(
      '192.0.2.7 \t2023-11-14 22:13:20 + 600 = 2023-11-14 22:23:20\n198.51.100.9 \t2023-11-14 22:15:00 + -1 = never\n',
    );
    expect((await runF2bClient(['-s', socket, 'banned'])).stdout).toBe('sshd:\t192.0.2.7\nnginx:\t(none)\n');
    expect((await runF2bClient(['-s', socket, 'banned', '192.0.2.7', '203.0.113.1'])).stdout).toBe('192.0.2.7:\tsshd\n203.0.113.1:\tnot banned\n');
  });

  it('prints regex lists numbered, and settings in words', async () => {
    expect((await runF2bClient(['-s', socket, 'get', 'sshd', 'failregex'])).stdout).toBe(
      'The following regular expression are defined:\n|- [0]: ^fail <HOST>$\n`- [1]: ^bad user \\S+ from <HOST>$\n',
    );
    expect((await runF2bClient(['-s', socket, 'get', 'loglevel'])).stdout).toBe("Current logging level is 'INFO'\n");
    expect((await runF2bClient(['-s', socket, 'get', 'dbfile'])).stdout).toBe('Database currently disabled\n');
    expect((await runF2bClient(['-s', socket, 'get', 'sshd', 'maxretry'])).stdout).toBe('5\n');
  });

  it('prints raw results with --json', async () => {
    const run = await runF2bClient(['--json', '-s', socket, 'status', 'sshd']);
    expect(JSON.parse(run.stdout)).toEqual(sshd);
  });

  it("prints the server's error and exits 1 when the command fails there", async () => {
    expect(await runF2bClient(['-s', socket, 'status', 'ghost'])).toEqual({ status: 1, stdout: '', stderr: "Sorry but the jail 'ghost' does not exist\n" });
    expect(await runF2bClient(['-v', '-s', socket, 'status', 'ghost'])).toMatchObject({ status: 1, stderr: expect.stringContaining("E_UNKNOWN_JAIL: Sorry but the jail 'ghost' does not exist\n") });
  });

  it('runs commands from -i until quit, surviving failures, and keeps a history file', async () => {
    const history = tree.path('history');
    const input = 'ping\n\nset sshd maxretry x\necho "two words" \'and $HOME\'\nstatus ghost\nquit\nping\n';
    const run = await runF2bClient(['-i', '-s', socket], { input, env: { F2B_HISTFILE: history } });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('Server replied: pong\ntwo words and $HOME\n');
    expect(run.stderr).toBe("set sshd maxretry: 'x' is not a number\nSorry but the jail 'ghost' does not exist\n");
    expect(readFileSync(history, 'utf8')).toBe('ping\nset sshd maxretry x\necho "two words" \'and $HOME\'\nstatus ghost\n');
  });

  it('prints help, version and durations without a server', async () => {
    const help = await runF2bClient(['-h']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: f2b-client \[OPTIONS\] <COMMAND>/);
    expect(help.stdout).toContain('    status --all [basic|short|stats]');
    expect((await runF2bClient(['-V'])).stdout).toMatch(/^f2b-client \d+\.\d+\.\d+\n$/);
    expect((await runF2bClient(['--str2sec', '1h 30m'])).stdout).toBe('5400\n');
    expect(existsSync(tree.path('missing.sock'))).toBe(false);
  });
});
