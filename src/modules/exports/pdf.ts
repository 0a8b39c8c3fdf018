/**
 * The PDF report (pdfkit): the organization's name, the title, what was asked for (period,
 * filters), the totals, then the table, its header repeated on every page and the page
 * number at the foot. Written as the rows arrive: pdfkit writes each finished page out when
 * the next begins (no page buffering), and we read its output after every batch of rows, so
 * memory holds one batch and one page, whatever the length of the report.
 *
 * Text uses PDF's built-in Helvetica (no font file to ship): `winAnsi` keeps it drawable.
 */
import PDFDocument from 'pdfkit';
import { winAnsi } from './format';

export interface PdfColumn<Row> {
  header: string;
  /** Relative width; the columns share the page's width in these proportions. */
  width: number;
  align?: 'left' | 'right';
  value: (row: Row) => string;
}

export interface PdfReport<Row> {
  organization: string;
  title: string;
  /** Lines under the title: the period, the filters, when it was made. */
  lines: string[];
  /** A small table of totals drawn before the rows (the first row is its header). */
  totals: { rows: string[][]; widths: number[] };
  columns: PdfColumn<Row>[];
  /** Shown instead of the table when there are no rows. */
  empty: string;
  page: (n: number) => string;
}

const MARGIN = 36;
const ROW = 14;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

export async function* pdfChunks<Row>(report: PdfReport<Row>, pages: AsyncGenerator<Row[]>, opts: { compress?: boolean } = {}): AsyncGenerator<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    compress: opts.compress ?? true,
    info: { Title: winAnsi(`${report.organization} - ${report.title}`), Author: winAnsi(report.organization), Creator: 'Bookline' },
  });
  /** Whatever pdfkit has written so far (it pushes into its readable buffer; we read it out). */
  const take = (): Uint8Array => {
    const parts: Buffer[] = [];
    let chunk: Buffer | null;
    while ((chunk = doc.read() as Buffer | null) !== null) parts.push(chunk);
    return Buffer.concat(parts);
  };

  const left = MARGIN;
  const contentWidth = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN - 18;
  let pageNumber = 1;
  let y = MARGIN;

  const fit = (text: string, width: number): string => {
    const clean = winAnsi(text).replace(/\s+/g, ' ').trim();
    if (doc.widthOfString(clean) <= width) return clean;
    let lo = 0;
    let hi = clean.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (doc.widthOfString(`${clean.slice(0, mid)}…`) <= width) lo = mid;
      else hi = mid - 1;
    }
    return `${clean.slice(0, lo).trimEnd()}…`;
  };

  /** One line of cells at `y`, each cut to its width. */
  const row = (cells: string[], widths: number[], aligns: ('left' | 'right' | undefined)[], font: string) => {
    doc.font(font).fontSize(8).fillColor('#111111');
    let x = left;
    cells.forEach((cell, i) => {
      const width = widths[i]!;
      const text = fit(cell, width - 6);
      const dx = aligns[i] === 'right' ? width - 3 - doc.widthOfString(text) : 3;
      doc.text(text, x + dx, y + 3, { lineBreak: false });
      x += width;
    });
    y += ROW;
  };

  const scale = (weights: number[], total: number) => {
    const sum = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => (w / sum) * total);
  };
  const widths = scale(report.columns.map((c) => c.width), contentWidth);
  const aligns = report.columns.map((c) => c.align);

  const tableHeader = () => {
    doc.rect(left, y, contentWidth, ROW).fill('#e8eaf0');
    row(report.columns.map((c) => c.header), widths, aligns, BOLD);
  };
  const footer = () => {
    doc.font(FONT).fontSize(8).fillColor('#555555');
    const label = report.page(pageNumber);
    doc.text(label, left + contentWidth - doc.widthOfString(label), doc.page.height - MARGIN - 8, { lineBreak: false });
    doc.text(fit(`${report.organization} - ${report.title}`, contentWidth / 2), left, doc.page.height - MARGIN - 8, { lineBreak: false });
  };
  const nextPage = () => {
    footer();
    doc.addPage();
    pageNumber += 1;
    y = MARGIN;
    tableHeader();
  };

  // The first page's head: who, what, which rows, the totals.
  doc.font(BOLD).fontSize(16).fillColor('#111111').text(fit(report.organization, contentWidth), left, y, { lineBreak: false });
  y += 22;
  doc.font(BOLD).fontSize(12).text(fit(report.title, contentWidth), left, y, { lineBreak: false });
  y += 18;
  doc.font(FONT).fontSize(9).fillColor('#333333');
  for (const line of report.lines) {
    doc.text(fit(line, contentWidth), left, y, { lineBreak: false });
    y += 13;
  }
  y += 8;
  const totalsWidths = scale(report.totals.widths, Math.min(contentWidth, 420));
  report.totals.rows.forEach((cells, i) => {
    if (y + ROW > bottom) nextPage();
    row(cells, totalsWidths, cells.map((_, j) => (j === 0 ? 'left' : 'right')), i === 0 || i === report.totals.rows.length - 1 ? BOLD : FONT);
  });
  y += 12;
  tableHeader();
  yield take();

  let any = false;
  for await (const rows of pages) {
    for (const r of rows) {
      any = true;
      if (y + ROW > bottom) nextPage();
      row(report.columns.map((c) => c.value(r)), widths, aligns, FONT);
    }
    yield take();
  }
  if (!any) {
    doc.font(FONT).fontSize(9).fillColor('#555555').text(fit(report.empty, contentWidth), left, y + 4, { lineBreak: false });
  }
  footer();
  doc.end();
  yield take();
}
