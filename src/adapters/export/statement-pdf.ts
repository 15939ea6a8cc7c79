import type { Readable } from 'node:stream';
import type { StatementDocument } from '../../app/exports/statement.js';
import type { MovementKind } from '../../app/customer-statement.js';
import { groupedAmount, type ExportLanguage } from '../../core/export/table.js';
import { PdfWriter } from './pdf.js';

const text = {
  zh: {
    title: '客户对账单', customer: '客户', period: '对账期间', currency: '币种', opening: '期初余额', closing: '期末余额',
    totals: '本期合计', debit: '借方（应收增加）', credit: '贷方（应收减少）', generated: '生成时间', noMovements: '本期无发生额',
    truncated: (shown: number, count: number) => `本期共 ${count} 笔，仅列出前 ${shown} 笔；合计与期末余额包含全部。`,
    columns: ['日期', '业务', '单号', '摘要', '借方', '贷方', '余额'],
    note: '余额 = 应收账款 − 预收账款；正数为客户欠款，负数为客户预付。',
  },
  en: {
    title: 'Statement of account', customer: 'Customer', period: 'Period', currency: 'Currency', opening: 'Opening balance', closing: 'Closing balance',
    totals: 'Totals', debit: 'Debit (owed more)', credit: 'Credit (owed less)', generated: 'Generated', noMovements: 'No movements in this period',
    truncated: (shown: number, count: number) => `${count} movements; the first ${shown} are listed, totals and closing balance include them all.`,
    columns: ['Date', 'Movement', 'Reference', 'Memo', 'Debit', 'Credit', 'Balance'],
    note: 'Balance = accounts receivable − customer advances; positive: the customer owes, negative: they paid ahead.',
  },
} as const;

const kinds: Record<ExportLanguage, Record<MovementKind, string>> = {
  zh: { order_confirmed: '订单确认', receipt: '收款', allocation: '核销', receipt_void: '收款作废', refund: '退款', credit_note: '红字冲销', write_off: '坏账核销' },
  en: { order_confirmed: 'Order confirmed', receipt: 'Receipt', allocation: 'Allocation', receipt_void: 'Receipt voided', refund: 'Refund', credit_note: 'Credit note', write_off: 'Write-off' },
};

/** The statement (对账单) as a portrait A4 PDF: tenant and customer, period, then per currency the opening balance, movements, totals and closing balance. */
export function statementPdf(document: StatementDocument, language: ExportLanguage): Readable {
  const t = text[language];
  const first = document.statements[0]!;
  const writer = new PdfWriter({ title: `${t.title} ${first.customer.name}`, landscape: false });
  void (async () => {
    writer.heading(`${document.tenantName} · ${t.title}`, 16);
    writer.line(`${t.customer}: ${first.customer.name} (${first.customer.code})`, { bold: true, sizePt: 11 });
    writer.line(`${t.period}: ${first.from} – ${first.to}`);
    writer.line(`${t.generated}: ${document.generatedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`, { sizePt: 8 });
    for (const s of document.statements) {
      writer.gap(1);
      writer.heading(`${t.currency}: ${s.currency}`, 12);
      writer.line(`${t.opening}: ${groupedAmount(s.openingBalance)} ${s.currency}`, { bold: true });
      writer.gap(0.4);
      if (s.movements.length === 0) writer.line(t.noMovements);
      else {
        await writer.table(
          t.columns.map((title, i) => ({ title, weight: [11, 11, 15, 25, 13, 13, 13][i]!, align: i >= 4 ? 'right' : 'left' })),
          s.movements.map((m) => [m.date, kinds[language][m.kind], m.reference ?? '', m.memo, amountOrBlank(m.debit), amountOrBlank(m.credit), groupedAmount(m.balance)]),
        );
      }
      if (s.truncated) writer.line(t.truncated(s.movements.length, s.movementCount), { sizePt: 8 });
      writer.gap(0.4);
      writer.line(`${t.totals}: ${t.debit} ${groupedAmount(s.totals.debit)} · ${t.credit} ${groupedAmount(s.totals.credit)}`);
      writer.line(`${t.closing}: ${groupedAmount(s.closingBalance)} ${s.currency}`, { bold: true });
    }
    writer.gap(1);
    writer.line(t.note, { sizePt: 8 });
    await writer.end();
  })().catch((error: unknown) => writer.stream.destroy(error as Error));
  return writer.stream;
}

/** A zero debit or credit is left blank, as on a paper statement. */
function amountOrBlank(amount: string): string {
  return /[1-9]/.test(amount) ? groupedAmount(amount) : '';
}
