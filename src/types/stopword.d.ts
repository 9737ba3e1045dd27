// stopword ships no type declarations; we only use its per-language word lists.
declare module 'stopword' {
  export const eng: string[];
  export function removeStopwords(tokens: string[], stopwords?: string[]): string[];
  const lists: Record<string, string[] | ((...args: never[]) => unknown)>;
  export default lists;
}
