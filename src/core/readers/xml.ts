// The XML parts of packaged formats (an EPUB's container and OPF, a Word file's core properties):
// parsed with the DOM library the readers load, and searched by local name, because packages
// disagree on namespace prefixes ("dc:title", "title").
import type { DomDocument, DomElement } from './html-text.js';
import { dom } from './libraries.js';

export function parseXml(text: string): DomDocument {
  return new (dom().DOMParser)().parseFromString(text, 'text/xml') as unknown as DomDocument;
}

/** Elements by local name, in document order. */
export function elementsNamed(root: DomDocument | DomElement, name: string): DomElement[] {
  return [...root.querySelectorAll('*')].filter((el) => el.localName.replace(/^.*:/, '').toLowerCase() === name);
}

/** An element's text on one line, or undefined when it has none. */
export const textOf = (el: DomElement | undefined): string | undefined => el?.textContent?.replace(/\s+/g, ' ').trim() || undefined;
