/**
 * @module _heap-flags: V8 settings for the daemon, imported before anything else allocates.
 *
 * V8 doubles its young generation (up to 2 × 16 MiB) whenever many objects survive a scavenge, and a flood of new
 * addresses is exactly that: each one's record survives. The grown young generation stays committed until V8 sees
 * allocation nearly stop, so right after a 100,000-address flood it was ~170 bytes of the RSS per address. Keeping
 * it at its start size (growth factor 1; read by V8 whenever it grows, so it can be set at run time) costs more
 * scavenges, each small. Only the f2b-server command sets this: a program that embeds the server keeps its own heap.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--semi-space-growth-factor=1');
