/** @module bench/_gc-on-signal: preloaded into the benched server only (`--expose-gc --import`), so the bench can ask for a full GC before reading RSS. */
process.on('SIGUSR2', () => globalThis.gc?.());
