// Words written joined in one place and apart in another ("ImageGen", "image gen", "image-gen")
// must still meet. Hyphens and spaces already split into words, and letter-digit joins split at
// the tokenizer ("GPT4.5" -> "gpt", "4", "5"); what is left is a word whose capitals mark its
// parts, which the index also files under each part so a question's plain "image" finds it.

/** Shortest part worth its own entry: "Gen" in "ImageGen", not the "s" of "GPUs". */
const MIN_PART = 3;

/**
 * The lower-case parts of a word written in camel case ("ImageGen" -> ["image", "gen"],
 * "OpenAI" -> ["open", "ai"] is refused as "ai" is too short), or none when it is one word.
 * A run of capitals before a capitalised word is a part of its own ("GPTModel" -> "gpt", "model").
 */
export function camelParts(surface: string): string[] {
  if (!/\p{Ll}\p{Lu}|\p{Lu}\p{Lu}\p{Ll}/u.test(surface)) return [];
  const parts = surface.match(/\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+/gu) ?? [];
  if (parts.length < 2 || parts.join('') !== surface) return [];
  const out = parts.map((p) => p.toLowerCase());
  return out.every((p) => p.length >= MIN_PART) ? out : [];
}
