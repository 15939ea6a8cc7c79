/**
 * The XLSX writer alone (issue 8): the receipts export's columns over N synthetic rows, no database, no HTTP —
 * what the writer itself costs per row, and its memory. Profile it with
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/xlsx-prof bench/xlsx-writer.ts 100000
 *
 *   node --import tsx bench/xlsx-writer.ts [ROWS]
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { xlsxStream } from '../src/adapters/export/xlsx.js';
import { exportSources } from '../src/app/exports/sources.js';
import type { ReceiptSummary } from '../src/app/receivables/receipt-model.js';

const rows = Number(process.argv[2] ?? 100_000);

/** Rows shaped like the receipts list's (only the fields the export's columns read). */
async function* receipts(): AsyncGenerator<ReceiptSummary> {
  for (let i = 0; i < rows; i++) {
    yield {
      number: `RC-2026-${String(i).padStart(6, '0')}`, receivedDate: '2026-03-14', customer: { code: `C${i % 2000}`, name: `上海某某科技有限公司${i % 2000}` },
      kind: 'order_payment', status: 'confirmed', channel: 'bank_transfer', currency: 'CNY', amount: `${1000 + (i % 5000)}.25`, allocated: '1000.00',
      advance: '0.25', refunded: '0.00', payerName: `付款人${i % 100}`, payerAccount: '6222 0000 1111', externalRef: `EXT${i}`,
      reconciledAt: i % 2 ? '2026-03-15T08:00:00.000Z' : null,
    } as unknown as ReceiptSummary;
  }
}

const cpuBefore = process.cpuUsage();
const started = performance.now();
let bytes = 0;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
await pipeline(
  xlsxStream({ title: exportSources.receipts.title, columns: exportSources.receipts.columns, rows: receipts() }, 'zh'),
  new Writable({ write(chunk: Buffer, _encoding, done) { bytes += chunk.length; done(); } }),
);
clearInterval(sampler);
const cpu = process.cpuUsage(cpuBefore);
console.log(`${rows.toLocaleString('en')} rows: ${(performance.now() - started).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, ` +
  `${(bytes / 2 ** 20).toFixed(1)} MiB, peak RSS ${(Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20).toFixed(0)} MiB`);
