/** @module bench/socket: command round trips over the socket, against a bare Unix-socket echo measured in the same run. */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bestOf, rate, report } from '@f2b/bench';
import { createCommandServer, parseCommand, sendCommand } from '../dist/index.js';

const dir = mkdtempSync(join(tmpdir(), 'f2b-bench-'));
const ROUND_TRIPS = 2000;
const CONCURRENT = 100;

/** Baseline: a server that echoes each line back, no JSON, no grammar. */
const echoPath = join(dir, 'echo.sock');
const echo = createServer((socket) => socket.on('data', (data) => socket.write(data)));
await new Promise((resolve) => echo.listen(echoPath, resolve));

/** One request/response over a fresh connection, like sendCommand does. */
function echoOnce(path) {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.on('connect', () => socket.write('["status","sshd"]\n'));
    socket.on('data', () => {
      socket.destroy();
      resolve();
    });
    socket.on('error', reject);
  });
}

const commandPath = join(dir, 'f2b.sock');
const server = await createCommandServer({ socketPath: commandPath, handle: (command) => ({ command }) });

async function sequential(once) {
  for (let index = 0; index < ROUND_TRIPS; index++) await once();
}
async function concurrent(once) {
  await Promise.all(Array.from({ length: CONCURRENT }, () => once()));
}

const baseSeq = await bestOf(() => sequential(() => echoOnce(echoPath)));
const f2bSeq = await bestOf(() => sequential(() => sendCommand(commandPath, ['status', 'sshd'])));
const baseConc = await bestOf(() => concurrent(() => echoOnce(echoPath)), 5);
const f2bConc = await bestOf(() => concurrent(() => sendCommand(commandPath, ['status', 'sshd'])), 5);

const words = [['status', 'sshd'], ['set', 'sshd', 'bantime', '1h 30m'], ['set', 'sshd', 'banip', '192.0.2.7', '2001:db8::1'], ['get', 'sshd', 'banip', '--with-time']];
const lines = words.map((w) => JSON.stringify(w));
const PARSES = 200_000;
const baseParse = await bestOf(() => {
  for (let index = 0; index < PARSES; index++) JSON.parse(lines[index % lines.length]);
});
const fullParse = await bestOf(() => {
  for (let index = 0; index < PARSES; index++) parseCommand(JSON.parse(lines[index % lines.length]));
});

report('transmitter: connect + command + reply (fresh connection each)', {
  [`sequential ${ROUND_TRIPS}, bare echo`]: rate(ROUND_TRIPS, baseSeq),
  [`sequential ${ROUND_TRIPS}, f2b`]: rate(ROUND_TRIPS, f2bSeq),
  'sequential ratio f2b/echo time': (f2bSeq / baseSeq).toFixed(2),
  [`${CONCURRENT} concurrent, bare echo`]: `${baseConc.toFixed(1)} ms`,
  [`${CONCURRENT} concurrent, f2b`]: `${f2bConc.toFixed(1)} ms`,
  'concurrent ratio f2b/echo time': (f2bConc / baseConc).toFixed(2),
});
report('transmitter: parseCommand after JSON.parse', {
  'JSON.parse only': rate(PARSES, baseParse),
  'JSON.parse + parseCommand': rate(PARSES, fullParse),
  'ratio time': (fullParse / baseParse).toFixed(2),
});

await server.close();
echo.close();
rmSync(dir, { recursive: true, force: true });
