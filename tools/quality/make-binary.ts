// Builds the held-out set's binary documents (.pdf, .epub, .docx) from text sources kept in the
// set's hidden `.sources/` folder, so the messy books stay reviewable as text and are rebuilt
// byte for byte: the test compares a fresh build with the committed files. The PDF writer is our
// own (positioned lines, fonts, an info dict, a correct xref) because the point is a PDF that looks
// like a typeset book page to a reader library, running headers and hyphenation included.
//
//   npx tsx tools/quality/make-binary.ts [--dir test/quality/heldout]
//
// Source formats (front matter of `key: value` lines between `---` lines, then):
// - `<name>.pdf.src.txt`: pages start with `=== page`; each following line is one printed line
//   (two leading spaces indent it); `!h1 ` a chapter title line, `!gap` a blank line, `!header `
//   and `!footer ` the page furniture at the top and bottom. Front matter: title, author, subject,
//   creator (the PDF info dict).
// - `<name>.epub.src.md`: `# ` starts a chapter (one XHTML file each), `## ` a subheading, blank
//   lines between paragraphs. Front matter: title, author, language, date, publisher, copyright.
// - `<name>.docx.src.md`: `# ` and `## ` become Heading 1 and Heading 2 paragraphs. Front matter:
//   title, creator, description, created (core properties), header (the page header part).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync, type Zippable } from 'fflate';

export const HELDOUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/quality/heldout');
export const SOURCES_FOLDER = '.sources';

/**
 * A fixed time for every zip entry, so a rebuild of unchanged sources gives identical bytes. Zip
 * stores local time and fflate reads the Date's local fields, so the Date is built from local
 * fields too: the same bytes in every time zone.
 */
const FIXED_MTIME = new Date(2025, 0, 1, 12, 0, 0);

interface Source {
  fields: Record<string, string>;
  body: string;
}

function splitFrontMatter(text: string): Source {
  const m = /^---\n([\s\S]*?)\n---\n?/.exec(text.replace(/\r\n/g, '\n'));
  if (!m) return { fields: {}, body: text };
  // `key: value` per line, split at the first colon, so titles with colons need no quoting.
  const fields: Record<string, string> = {};
  for (const line of m[1]!.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) fields[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { fields, body: text.replace(/\r\n/g, '\n').slice(m[0].length) };
}

// ---------------------------------------------------------------- PDF

/** PDF literal string in WinAnsi (Latin-1 covers our sources); other characters become "?". */
function pdfString(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const b = c < 256 ? String.fromCharCode(c) : '?';
    out += b === '\\' || b === '(' || b === ')' ? `\\${b}` : b;
  }
  return `(${out})`;
}

const PAGE_W = 432;
const PAGE_H = 648;
const LEFT = 54;

export function buildPdf(sourceText: string): Uint8Array {
  const { fields, body } = splitFrontMatter(sourceText);
  const pages = body
    .split(/^=== page$/m)
    .map((p) => p.replace(/^\n/, '').replace(/\n$/, ''))
    .filter((p) => p.trim() !== '');
  const streams = pages.map((page) => {
    const ops: string[] = [];
    const text = (font: string, size: number, x: number, y: number, s: string) =>
      ops.push(`BT /${font} ${size} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td ${pdfString(s)} Tj ET`);
    // Centred by an average glyph width: close enough for furniture a reader library positions.
    const centred = (s: string, size: number) => (PAGE_W - s.length * size * 0.5) / 2;
    let y = PAGE_H - 80;
    for (const line of page.split('\n')) {
      if (line.startsWith('!header ')) {
        const s = line.slice(8);
        text('F1', 8, centred(s, 8), PAGE_H - 40, s);
      } else if (line.startsWith('!footer ')) {
        const s = line.slice(8);
        text('F1', 9, centred(s, 9), 36, s);
      } else if (line.startsWith('!h1 ')) {
        y -= 10;
        text('F2', 17, LEFT, y, line.slice(4));
        y -= 26;
      } else if (line === '!gap') y -= 14;
      else {
        const indent = /^ {2}/.test(line);
        text('F1', 10.5, LEFT + (indent ? 14 : 0), y, line.trim());
        y -= 14;
      }
    }
    return ops.join('\n') + '\n';
  });

  // Objects: 1 catalog, 2 page tree, 3-4 fonts, 5 info, then a page and its content per page.
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 6 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>';
  const info: string[] = [];
  for (const [key, name] of [
    ['title', 'Title'],
    ['author', 'Author'],
    ['subject', 'Subject'],
    ['creator', 'Creator'],
  ] as const)
    if (fields[key]) info.push(`/${name} ${pdfString(fields[key]!)}`);
  info.push('/Producer (heldout make-binary)', '/CreationDate (D:20250101000000Z)');
  objects[5] = `<< ${info.join(' ')} >>`;
  streams.forEach((content, i) => {
    const pageId = pageIds[i]!;
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`;
  });

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xrefAt = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

// ---------------------------------------------------------------- shared for the zip formats

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Block {
  level: 0 | 1 | 2;
  text: string;
}

/** `# `/`## ` headings and blank-line paragraphs. */
function blocks(body: string): Block[] {
  return body
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b) => {
      const h = /^(#{1,2}) (.*)$/.exec(b);
      return h ? { level: h[1]!.length as 1 | 2, text: h[2]!.trim() } : { level: 0, text: b.replace(/\s*\n\s*/g, ' ') };
    });
}

function zip(entries: [string, string, number?][]): Uint8Array {
  const files: Zippable = {};
  for (const [name, text, level] of entries) files[name] = [strToU8(text), { level: (level ?? 6) as 0 | 6, mtime: FIXED_MTIME }];
  return zipSync(files, { mtime: FIXED_MTIME });
}

// ---------------------------------------------------------------- EPUB

export function buildEpub(sourceText: string): Uint8Array {
  const { fields, body } = splitFrontMatter(sourceText);
  const chapters: { title: string; blocks: Block[] }[] = [];
  for (const b of blocks(body)) {
    if (b.level === 1) chapters.push({ title: b.text, blocks: [] });
    else chapters.at(-1)?.blocks.push(b);
  }
  const lang = fields.language ?? 'en';
  const page = (title: string, inner: string, extraNs = '') =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"${extraNs} xml:lang="${lang}" lang="${lang}">\n` +
    `<head><meta charset="UTF-8"/><title>${xml(title)}</title><link rel="stylesheet" type="text/css" href="style.css"/></head>\n<body>\n${inner}\n</body>\n</html>\n`;
  const title = fields.title ?? 'Untitled';
  const titlePage = page(
    title,
    `<section class="titlepage"><h1 class="booktitle">${xml(title)}</h1><p class="author">${xml(fields.author ?? '')}</p>` +
      `<p class="publisher">${xml(fields.publisher ?? '')}</p><p class="copyright">${xml(fields.copyright ?? '')}</p></section>`,
  );
  const nav = page(
    'Contents',
    `<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>\n` +
      chapters.map((c, i) => `<li><a href="ch${i + 1}.xhtml">${xml(c.title)}</a></li>`).join('\n') +
      `\n</ol></nav>`,
    ' xmlns:epub="http://www.idpf.org/2007/ops"',
  );
  const chapterFiles = chapters.map((c, i) =>
    page(
      c.title,
      `<section epub:type="chapter" id="chapter-${i + 1}"><h1>${xml(c.title)}</h1>\n` +
        c.blocks.map((b) => (b.level === 2 ? `<h2>${xml(b.text)}</h2>` : `<p>${xml(b.text)}</p>`)).join('\n') +
        `\n</section>`,
      ' xmlns:epub="http://www.idpf.org/2007/ops"',
    ),
  );
  const opf =
    `<?xml version="1.0" encoding="UTF-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="bookid" xml:lang="${lang}">\n` +
    `<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n` +
    `<dc:identifier id="bookid">urn:uuid:8d3f6a52-2c1e-4b7a-9e0f-${String(title.length).padStart(12, '0')}</dc:identifier>\n` +
    `<dc:title>${xml(title)}</dc:title>\n<dc:creator id="author">${xml(fields.author ?? '')}</dc:creator>\n` +
    `<dc:language>${xml(lang)}</dc:language>\n` +
    (fields.date ? `<dc:date>${xml(fields.date)}</dc:date>\n` : '') +
    (fields.publisher ? `<dc:publisher>${xml(fields.publisher)}</dc:publisher>\n` : '') +
    (fields.copyright ? `<dc:rights>${xml(fields.copyright)}</dc:rights>\n` : '') +
    `<meta property="dcterms:modified">2025-01-01T00:00:00Z</meta>\n</metadata>\n<manifest>\n` +
    `<item id="css" href="style.css" media-type="text/css"/>\n` +
    `<item id="titlepage" href="titlepage.xhtml" media-type="application/xhtml+xml"/>\n` +
    `<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>\n` +
    chapters.map((_, i) => `<item id="ch${i + 1}" href="ch${i + 1}.xhtml" media-type="application/xhtml+xml"/>`).join('\n') +
    `\n</manifest>\n<spine>\n<itemref idref="titlepage"/>\n<itemref idref="nav"/>\n` +
    chapters.map((_, i) => `<itemref idref="ch${i + 1}"/>`).join('\n') +
    `\n</spine>\n</package>\n`;
  const container =
    `<?xml version="1.0" encoding="UTF-8"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n` +
    `<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>\n</container>\n`;
  // The mimetype entry comes first and is stored, as the EPUB container format requires.
  return zip([
    ['mimetype', 'application/epub+zip', 0],
    ['META-INF/container.xml', container],
    ['OEBPS/content.opf', opf],
    ['OEBPS/style.css', 'body { font-family: serif; } h1 { page-break-before: always; }\n'],
    ['OEBPS/titlepage.xhtml', titlePage],
    ['OEBPS/nav.xhtml', nav],
    ...chapterFiles.map((f, i) => [`OEBPS/ch${i + 1}.xhtml`, f] as [string, string]),
  ]);
}

// ---------------------------------------------------------------- DOCX

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function buildDocx(sourceText: string): Uint8Array {
  const { fields, body } = splitFrontMatter(sourceText);
  const para = (b: Block) => {
    const style = b.level === 1 ? 'Heading1' : b.level === 2 ? 'Heading2' : undefined;
    const pPr = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : '';
    return `<w:p>${pPr}<w:r><w:t xml:space="preserve">${xml(b.text)}</w:t></w:r></w:p>`;
  };
  const document =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>\n` +
    blocks(body).map(para).join('\n') +
    `\n<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>\n</w:body></w:document>\n`;
  const style = (id: string, name: string, size: number, bold: boolean) =>
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>` +
    `<w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="${id === 'Heading1' ? 0 : 1}"/></w:pPr><w:rPr>${bold ? '<w:b/>' : ''}<w:sz w:val="${size}"/></w:rPr></w:style>`;
  const styles =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="${W_NS}">` +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
    style('Heading1', 'heading 1', 32, true) +
    style('Heading2', 'heading 2', 26, true) +
    `</w:styles>\n`;
  const header =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="${W_NS}"><w:p><w:r><w:t xml:space="preserve">${xml(fields.header ?? '')}</w:t></w:r></w:p></w:hdr>\n`;
  const core =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    (fields.title ? `<dc:title>${xml(fields.title)}</dc:title>` : '') +
    (fields.creator ? `<dc:creator>${xml(fields.creator)}</dc:creator><cp:lastModifiedBy>${xml(fields.creator)}</cp:lastModifiedBy>` : '') +
    (fields.description ? `<dc:description>${xml(fields.description)}</dc:description>` : '') +
    (fields.created ? `<dcterms:created xsi:type="dcterms:W3CDTF">${xml(fields.created)}</dcterms:created>` : '') +
    `<cp:revision>3</cp:revision></cp:coreProperties>\n`;
  const app =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
    `<Application>Microsoft Office Word</Application></Properties>\n`;
  const types =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
    `<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
    `<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
    `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>\n`;
  const rels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
    `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>\n`;
  const docRels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    `<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>\n`;
  return zip([
    ['[Content_Types].xml', types],
    ['_rels/.rels', rels],
    ['docProps/core.xml', core],
    ['docProps/app.xml', app],
    ['word/document.xml', document],
    ['word/styles.xml', styles],
    ['word/header1.xml', header],
    ['word/_rels/document.xml.rels', docRels],
  ]);
}

// ---------------------------------------------------------------- the set

const BUILDERS: Record<string, (source: string) => Uint8Array> = { pdf: buildPdf, epub: buildEpub, docx: buildDocx };

export interface BinaryTarget {
  /** The source's path, relative to the set's folder. */
  source: string;
  /** The document built from it, beside the other documents. */
  target: string;
  build: () => Uint8Array;
}

/** Every `.sources/<name>.<pdf|epub|docx>.src.<ext>` of a set, with the document it makes. */
export function binaryTargets(dir = HELDOUT_DIR): BinaryTarget[] {
  let names: string[];
  try {
    names = readdirSync(path.join(dir, SOURCES_FOLDER));
  } catch {
    return [];
  }
  return names
    .sort()
    .map((name) => /^(.+)\.(pdf|epub|docx)\.src\.[a-z]+$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const source = `${SOURCES_FOLDER}/${m[0]}`;
      return { source, target: `${m[1]}.${m[2]}`, build: () => BUILDERS[m[2]!]!(readFileSync(path.join(dir, source), 'utf8')) };
    });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--dir');
  const dir = at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]!) : HELDOUT_DIR;
  for (const t of binaryTargets(dir)) {
    const bytes = t.build();
    writeFileSync(path.join(dir, t.target), bytes);
    console.log(`${t.target}  ${bytes.length} bytes  from ${t.source}`);
  }
}
