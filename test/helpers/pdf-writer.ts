// A minimal PDF writer for tests: the PDF reader's fixtures are built in the test from lines at
// positions and sizes, so each test shows what its page looks like and nothing is a binary blob
// of unknown origin. Standard Helvetica (no embedded font), Latin-1 text, a real xref table.

export interface PdfLine {
  text: string;
  /** From the page's left edge, in points. */
  x?: number;
  /** From the page's bottom edge, in points (PDF's own orientation). */
  y: number;
  /** In points; 11 unless given. */
  size?: number;
}

export interface PdfSpec {
  pages: PdfLine[][];
  /** Bookmarks: a title and the page (0-based) it points at. */
  outline?: { title: string; page: number }[];
  /** The info dictionary: Title, Author, CreationDate ("D:20240315"), Producer... */
  info?: Record<string, string>;
  /** Page size in points; US Letter unless given. */
  width?: number;
  height?: number;
  /**
   * Adds a standard security handler whose password checks match no password at all: a file
   * locked with a password nobody here knows (its content is not really encrypted).
   */
  locked?: boolean;
}

/** WinAnsi places these outside Latin-1; everything else is written as its Latin-1 byte. */
const WIN_ANSI: Record<string, string> = { '•': '\x95', '–': '\x96', '—': '\x97', '‘': '\x91', '’': '\x92', '“': '\x93', '”': '\x94' };
const literal = (s: string) => `(${s.replace(/[•–—‘’“”]/g, (c) => WIN_ANSI[c]!).replace(/[\\()]/g, (c) => `\\${c}`).replace(/\r/g, '\\r').replace(/\n/g, '\\n')})`;

/** A PDF file's bytes. */
export function writePdf(spec: PdfSpec): Buffer {
  const width = spec.width ?? 612;
  const height = spec.height ?? 792;
  const objects: string[] = []; // objects[i] is object number i + 1
  const reserve = () => objects.push('');
  const CATALOG = reserve();
  const PAGES = reserve();
  const FONT = reserve();
  objects[FONT - 1] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  const pageIds: number[] = [];
  for (const lines of spec.pages) {
    const content = lines
      .map((l) => `BT /F1 ${l.size ?? 11} Tf ${l.x ?? 72} ${l.y} Td ${literal(l.text)} Tj ET`)
      .join('\n');
    const stream = reserve();
    objects[stream - 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
    const page = reserve();
    objects[page - 1] = `<< /Type /Page /Parent ${PAGES} 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 ${FONT} 0 R >> >> /Contents ${stream} 0 R >>`;
    pageIds.push(page);
  }
  objects[PAGES - 1] = `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  let outlines = '';
  if (spec.outline?.length) {
    const root = reserve();
    const items = spec.outline.map(() => reserve());
    spec.outline.forEach((item, i) => {
      const links = [i > 0 ? `/Prev ${items[i - 1]} 0 R` : '', i < items.length - 1 ? `/Next ${items[i + 1]} 0 R` : ''].join(' ');
      objects[items[i]! - 1] = `<< /Title ${literal(item.title)} /Parent ${root} 0 R ${links} /Dest [${pageIds[item.page]} 0 R /XYZ null null null] >>`;
    });
    objects[root - 1] = `<< /Type /Outlines /First ${items[0]} 0 R /Last ${items.at(-1)} 0 R /Count ${items.length} >>`;
    outlines = ` /Outlines ${root} 0 R`;
  }
  objects[CATALOG - 1] = `<< /Type /Catalog /Pages ${PAGES} 0 R${outlines} >>`;
  let info = 0;
  if (spec.info) {
    info = reserve();
    objects[info - 1] = `<< ${Object.entries(spec.info).map(([k, v]) => `/${k} ${literal(v)}`).join(' ')} >>`;
  }

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  const hex = (seed: string) => Buffer.from(seed.repeat(32).slice(0, 32), 'latin1').toString('hex');
  const lock = spec.locked
    ? ` /Encrypt << /Filter /Standard /V 1 /R 2 /O <${hex('owner')}> /U <${hex('user')}> /P -4 >> /ID [<${hex('id').slice(0, 32)}> <${hex('id').slice(0, 32)}>]`
    : '';
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${CATALOG} 0 R${info ? ` /Info ${info} 0 R` : ''}${lock} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Lines of body text from the top of a page down, `leading` points apart, at the left margin. */
export function column(texts: string[], opts: { top?: number; leading?: number; size?: number; x?: number } = {}): PdfLine[] {
  const top = opts.top ?? 700;
  const leading = opts.leading ?? 14;
  return texts.map((text, i) => ({ text, y: top - i * leading, x: opts.x ?? 72, size: opts.size ?? 11 }));
}
