#!/bin/sh
':' //; unset NODE_EXTRA_CA_CERTS; exec node "$0" "$@"
/** @module f2b-regex launcher: runs dist/f2b-regex-bundle.cjs, compiled from V8's code cache when it fits (copied to dist/f2b-regex.cjs by scripts/bundle.mjs). */
'use strict';
// The two lines above are shell as well as JavaScript (to JavaScript, line 2 is a string and a
// comment). Run as a program, /bin/sh starts Node on this file without NODE_EXTRA_CA_CERTS: where
// that is set (proxies that re-sign TLS), Node parses the named CA bundle before any script runs,
// about 45 ms per start with Debian's 144 certificates, for TLS that f2b-regex never opens. The rest of the
// environment is passed on as it is. `node dist/f2b-regex.cjs` skips the shell and keeps it.
// Why: f2b-regex is timed as a whole process; compiling the ~0.5 MB bundle (and, lazily, every
// function the run calls) is a large part of its start-up. The build runs this launcher once on a
// sample log with F2B_REGEX_WRITE_CODE_CACHE=1, which saves V8's code cache (functions compiled
// during the run included) next to the bundle. Any cache that does not fit — missing, unreadable,
// from another build (id check below) or rejected by V8 (another Node/V8 version or flags, corrupt
// bytes) — just means a normal compile: the output is the same either way.
// F2B_REGEX_CODE_CACHE_DEBUG=1 prints which case happened on stderr (for tests).
const vm = require('node:vm');
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const file = path.join(__dirname, 'f2b-regex-bundle.cjs');
const cacheFile = `${file}.cache`;
const src = fs.readFileSync(file, 'utf8');
// The bundle's last line names its build ("// f2b-build-id: <32 hex>\n") and the cache starts
// with the same 32 characters: V8 itself checks only the source's length, not its content.
const ID_LENGTH = 32;
const buildId = src.slice(-ID_LENGTH - 1, -1);

let cachedData;
let state = 'absent';
try {
  const bytes = fs.readFileSync(cacheFile);
  if (bytes.length > ID_LENGTH && bytes.toString('latin1', 0, ID_LENGTH) === buildId) {
    cachedData = bytes.subarray(ID_LENGTH);
  } else {
    state = 'stale';
  }
} catch {
  // No cache (or unreadable): compile normally.
}

// filename: stack traces name the bundle, as if Node had loaded it.
const script = new vm.Script(Module.wrap(src), { filename: file, cachedData });
if (cachedData !== undefined) state = script.cachedDataRejected ? 'rejected' : 'accepted';
if (process.env.F2B_REGEX_CODE_CACHE_DEBUG === '1') process.stderr.write(`f2b-regex: code cache ${state}\n`);

if (process.env.F2B_REGEX_WRITE_CODE_CACHE === '1') {
  // At exit, so the functions the run compiled lazily are in the cache too. Written aside and
  // renamed, so a concurrent run never reads half a file.
  process.on('exit', () => {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.concat([Buffer.from(buildId, 'latin1'), script.createCachedData()]));
    fs.renameSync(tmp, cacheFile);
  });
}

const mod = { exports: {} };
script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, __dirname);
