// One share of a statement's lines matched against all open items, on its own thread (parallel.ts). Plain
// JavaScript that registers tsx itself: a worker thread does not inherit the TypeScript loader of its parent.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { suggestMatches } = await import('../../core/reconciliation/index.ts');
const { lines, items, aliases } = workerData;
parentPort.postMessage([...suggestMatches(lines, items, aliases)]);
