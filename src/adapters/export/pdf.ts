import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import PDFDocument from 'pdfkit';
import { columnWidth, groupedAmount, type CellValue, type ExportLanguage, type ExportTable } from '../../core/export/table.js';
import { roomIn, rowsPerBatch } from './backpressure.js';

/**
 * PDFs with Chinese text. The font is Noto Sans Hans (Noto Sans CJK SC, GB 2312 subset: the 6,763 common hanzi,
 * Latin, digits) from the npm package @embedpdf/fonts-sc (SIL OFL 1.1; OTF, about 8 MB a weight, 42 MB the
 * package): installed with the app, nothing is fetched at run time. pdfkit embeds only the glyphs used.
 * A rare character outside GB 2312 prints as an empty box; the text layer still carries it (ToUnicode).
 */
const fontFile = (weight: 'Regular' | 'Bold') =>
  new URL(`../fonts/NotoSansHans-${weight}.otf`, `file://${createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')}`);

let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts(): { regular: Buffer; bold: Buffer } {
  // Read once per process (16 MB), on the first PDF: a server that never writes one never loads them.
  fonts ??= { regular: readFileSync(fontFile('Regular')), bold: readFileSync(fontFile('Bold')) };
  return fonts;
}

export interface PdfColumn {
  title: string;
  /** Relative width. */
  weight: number;
  align: 'left' | 'right';
}

const cellPaddingPt = 3;
const rowHeightPt = 16;
const fontSizePt = 8;

/**
 * A document written as it goes: headings, lines of text and tables whose header repeats on every page.
 * Pages are flushed to the stream as they are finished (no page buffering), so memory stays flat.
 */
export class PdfWriter {
  readonly stream = new PassThrough({ highWaterMark: 256 * 1024 });
  private readonly doc: PDFKit.PDFDocument;

  constructor(options: { title: string; landscape: boolean }) {
    const { regular, bold } = loadFonts();
    this.doc = new PDFDocument({ size: 'A4', layout: options.landscape ? 'landscape' : 'portrait', margin: 36, info: { Title: options.title, Producer: 'Kuanxiang' } });
    this.doc.registerFont('body', regular);
    this.doc.registerFont('bold', bold);
    this.doc.font('body').fontSize(fontSizePt);
    this.doc.pipe(this.stream);
  }

  heading(text: string, sizePt = 14): void {
    this.doc.font('bold').fontSize(sizePt).text(text, this.left, this.doc.y, { width: this.width });
    this.doc.font('body').fontSize(fontSizePt).moveDown(0.5);
  }

  /** A line of label/value pairs, e.g. period and balances. */
  line(text: string, options: { bold?: boolean; sizePt?: number } = {}): void {
    this.ensureRoom(rowHeightPt);
    this.doc.font(options.bold ? 'bold' : 'body').fontSize(options.sizePt ?? 10).text(text, this.left, this.doc.y, { width: this.width });
    this.doc.font('body').fontSize(fontSizePt);
  }

  gap(lines = 0.6): void {
    this.doc.moveDown(lines);
  }

  /** A table of rows pulled one at a time; waits for the download after every batch. */
  async table(columns: PdfColumn[], rows: AsyncIterable<string[]> | Iterable<string[]>): Promise<number> {
    const total = columns.reduce((sum, c) => sum + c.weight, 0);
    const widths = columns.map((c) => (c.weight / total) * this.width);
    const header = () => this.row(columns.map((c) => c.title), columns, widths, true);
    header();
    let count = 0;
    for await (const cells of rows) {
      if (this.ensureRoom(rowHeightPt)) header();
      this.row(cells, columns, widths, false);
      if (++count % rowsPerBatch === 0) await roomIn(this.stream);
    }
    return count;
  }

  async end(): Promise<void> {
    this.doc.end();
    await roomIn(this.stream).catch(() => undefined);
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** A new page when `heightPt` does not fit; true when one was added. */
  private ensureRoom(heightPt: number): boolean {
    if (this.doc.y + heightPt <= this.doc.page.height - this.doc.page.margins.bottom) return false;
    this.doc.addPage();
    return true;
  }

  private row(cells: string[], columns: PdfColumn[], widths: number[], isHeader: boolean): void {
    const y = this.doc.y;
    let x = this.left;
    this.doc.font(isHeader ? 'bold' : 'body').fontSize(fontSizePt);
    if (isHeader) this.doc.rect(x, y, this.width, rowHeightPt).fill('#eeeeee').fillColor('#000000');
    cells.forEach((text, i) => {
      const width = widths[i]! - 2 * cellPaddingPt;
      this.doc.text(this.fit(text, width), x + cellPaddingPt, y + (rowHeightPt - fontSizePt) / 2 - 1, { width, align: columns[i]!.align, lineBreak: false });
      x += widths[i]!;
    });
    this.doc.moveTo(this.left, y + rowHeightPt).lineTo(this.left + this.width, y + rowHeightPt).lineWidth(0.3).strokeColor('#bbbbbb').stroke();
    this.doc.x = this.left;
    this.doc.y = y + rowHeightPt;
  }

  /** Text cut to the cell with an ellipsis, so a long name never runs into the next column. */
  private fit(text: string, widthPt: number): string {
    if (this.doc.widthOfString(text) <= widthPt) return text;
    const chars = [...text];
    let low = 0;
    let high = chars.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (this.doc.widthOfString(`${chars.slice(0, mid).join('')}…`) <= widthPt) low = mid;
      else high = mid - 1;
    }
    return `${chars.slice(0, low).join('')}…`;
  }
}

function cellText(value: CellValue): string {
  return value === null ? '' : String(value);
}

/** A list export as a landscape table: every column, money right-aligned with its currency's decimals. */
export function pdfStream<Row>(table: ExportTable<Row>, language: ExportLanguage, subtitle: string): PassThrough {
  const writer = new PdfWriter({ title: table.title[language], landscape: true });
  const rows = (async function* () {
    for await (const row of table.rows) {
      yield table.columns.map((c) => {
        const value = c.value(row);
        return c.type === 'money' && typeof value === 'string' ? groupedAmount(value) : cellText(value);
      });
    }
  })();
  void (async () => {
    writer.heading(table.title[language]);
    writer.line(subtitle, { sizePt: 8 });
    writer.gap();
    await writer.table(table.columns.map((c) => ({ title: c.title[language], weight: columnWidth(c), align: c.type === 'money' || c.type === 'integer' ? 'right' : 'left' })), rows);
    await writer.end();
  })().catch((error: unknown) => writer.stream.destroy(error as Error));
  return writer.stream;
}
