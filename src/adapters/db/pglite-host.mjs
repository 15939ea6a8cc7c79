// Hosts the embedded PGlite database in a worker thread and serves the PostgreSQL wire protocol on a
// private Unix socket. PGlite runs queries synchronously on the thread that owns it, so keeping it off the
// HTTP event loop is the reason this file exists. Plain JavaScript on purpose: worker threads do not
// inherit the TypeScript loader on Node 20.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir, socketPath } = workerData;

let db;
let server;
try {
  db = await PGlite.create(dataDir);
  // One connection: PGlite has a single session, and a multiplexed second client would share its
  // transaction state. The pool on the other side is sized 1 to match.
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 });
  await server.start();
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}

parentPort.on('message', async (message) => {
  if (message?.type !== 'close') return;
  try {
    await server?.stop();
    // close() checkpoints and flushes the data directory; skipping it risks losing the last writes.
    await db?.close();
    parentPort.postMessage({ type: 'closed' });
  } catch (error) {
    parentPort.postMessage({ type: 'closed', error: error instanceof Error ? error.message : String(error) });
  }
});
