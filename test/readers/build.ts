// Fixture builders: EPUB and DOCX archives assembled in the test from strings, so every test
// document is written fresh and its shape is visible beside the assertions about it.
import { strToU8, zipSync, type Zippable } from 'fflate';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export interface BookChapter {
  file: string;
  /** XHTML body content. */
  body: string;
  /** Title in the table of contents. */
  tocTitle?: string;
}

export interface BookSpec {
  title: string;
  creator?: string;
  date?: string;
  language?: string;
  publisher?: string;
  chapters: BookChapter[];
  /** 'nav' (EPUB 3), 'ncx' (EPUB 2) or none. */
  toc?: 'nav' | 'ncx';
  /** Extra entries (a cover image, junk). */
  extra?: Zippable;
}

const xhtml = (title: string, body: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>${esc(title)}</title><link rel="stylesheet" href="../style.css"/></head><body>${body}</body></html>`;

export function buildEpub(spec: BookSpec): Uint8Array {
  const toc = spec.toc ?? 'nav';
  const items = spec.chapters.map((c, i) => `<item id="c${i}" href="text/${c.file}" media-type="application/xhtml+xml"/>`);
  if (toc === 'nav') items.push('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>');
  if (toc === 'ncx') items.push('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>');
  const spine = (toc === 'nav' ? ['<itemref idref="nav" linear="no"/>'] : []).concat(spec.chapters.map((_, i) => `<itemref idref="c${i}"/>`));
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:0000</dc:identifier>
    <dc:title>${esc(spec.title)}</dc:title>
    ${spec.creator ? `<dc:creator>${esc(spec.creator)}</dc:creator>` : ''}
    ${spec.date ? `<dc:date>${spec.date}</dc:date>` : ''}
    ${spec.language ? `<dc:language>${spec.language}</dc:language>` : ''}
    ${spec.publisher ? `<dc:publisher>${esc(spec.publisher)}</dc:publisher>` : ''}
  </metadata>
  <manifest>${items.join('\n')}</manifest>
  <spine${toc === 'ncx' ? ' toc="ncx"' : ''}>${spine.join('')}</spine>
</package>`;
  const files: Zippable = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(
      '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    ),
    'OEBPS/content.opf': strToU8(opf),
  };
  for (const c of spec.chapters) files[`OEBPS/text/${c.file}`] = strToU8(xhtml(c.tocTitle ?? c.file, c.body));
  const entries = spec.chapters.filter((c) => c.tocTitle);
  if (toc === 'nav')
    files['OEBPS/nav.xhtml'] = strToU8(
      xhtml('Contents', `<nav epub:type="toc"><h1>Contents</h1><ol>${entries.map((c) => `<li><a href="text/${c.file}">${esc(c.tocTitle!)}</a></li>`).join('')}</ol></nav>`),
    );
  if (toc === 'ncx')
    files['OEBPS/toc.ncx'] = strToU8(
      `<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>${entries
        .map((c, i) => `<navPoint id="p${i}" playOrder="${i + 1}"><navLabel><text>${esc(c.tocTitle!)}</text></navLabel><content src="text/${c.file}"/></navPoint>`)
        .join('')}</navMap></ncx>`,
    );
  Object.assign(files, spec.extra ?? {});
  return zipSync(files);
}

export interface DocxParagraph {
  /** A Word heading style ("Heading1") or a title style; none is body text. */
  style?: string;
  text: string;
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A minimal valid .docx: content types, package and document relationships, styles, the body. */
export function buildDocx(paragraphs: DocxParagraph[], core?: { title?: string; creator?: string; created?: string }): Uint8Array {
  const para = (p: DocxParagraph) =>
    `<w:p>${p.style ? `<w:pPr><w:pStyle w:val="${p.style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${esc(p.text)}</w:t></w:r></w:p>`;
  const styles = [1, 2, 3]
    .map((n) => `<w:style w:type="paragraph" w:styleId="Heading${n}"><w:name w:val="heading ${n}"/><w:basedOn w:val="Normal"/></w:style>`)
    .join('');
  const files: Zippable = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${paragraphs.map(para).join('')}</w:body></w:document>`,
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    'word/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>${styles}</w:styles>`,
    ),
  };
  if (core)
    files['docProps/core.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${
        core.title ? `<dc:title>${esc(core.title)}</dc:title>` : ''
      }${core.creator ? `<dc:creator>${esc(core.creator)}</dc:creator>` : ''}${
        core.created ? `<dcterms:created xsi:type="dcterms:W3CDTF">${core.created}</dcterms:created>` : ''
      }</cp:coreProperties>`,
    );
  return zipSync(files);
}
