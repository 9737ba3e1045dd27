// The format libraries (a DOM, Readability, pdf.js) cost about a second to import, and most starts
// never need them: the library comes back from its snapshot. So readers load them on the first
// file that needs one, and the synchronous converters ask for the copy loaded by then.
import type * as Linkedom from 'linkedom';

let linkedom: typeof Linkedom | undefined;

/** Loads the DOM library; every reader that parses markup awaits this before it parses. */
export async function loadDom(): Promise<typeof Linkedom> {
  linkedom ??= await import('linkedom');
  return linkedom;
}

/** The DOM library loaded by loadDom(); calling this earlier is a bug in the reader. */
export function dom(): typeof Linkedom {
  if (!linkedom) throw new Error('the DOM library is used before loadDom() was awaited');
  return linkedom;
}

export const loadReadability = () => import('@mozilla/readability');
export const loadPdfJs = () => import('unpdf');
