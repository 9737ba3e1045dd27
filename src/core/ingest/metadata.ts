// A document's metadata: from corpus.yaml sidecars and from inside the file (what its reader found,
// such as front matter), checked field by field and completed with defaults. Bad input is reported
// as a warning naming the file, never thrown, so one broken file cannot take the whole bot down.

import { z } from 'zod';
import { DOC_KINDS, type DocKind, type DocumentMeta, type IngestWarning } from '../corpus.js';
import { safeUrl, urlProblem } from '../untrusted.js';
import { lazyPackage } from '../lazy.js';
import type * as Yaml from 'yaml';

const yaml = lazyPackage<typeof Yaml>('yaml');

export const SIDECAR = 'corpus.yaml';

/** One schema per field, so a bad field falls back alone and the others are kept. */
const FIELD_SCHEMAS = {
  id: z.string().trim().min(1).max(80).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-" only'),
  title: z.string().trim().min(1).max(300),
  kind: z.enum(DOC_KINDS),
  speakers: z.array(z.string().trim().min(1).max(80)).max(50),
  author: z.string().trim().min(1).max(120),
  source: z.string().trim().min(1).max(200),
  // Shown as a link on every platform, so only plain, well-formed http(s) addresses are kept.
  url: z.unknown().transform((u, ctx) => {
    const problem = urlProblem(u);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return safeUrl(u as string)!;
  }),
  // YAML gives a list, or one string that people separate with commas.
  tags: z
    .union([z.string(), z.array(z.union([z.string(), z.number()]))], { error: 'expected a list of words or a comma-separated string' })
    .transform((t) => (typeof t === 'string' ? t.split(',') : t.map(String)).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(80, 'each tag is limited to 80 characters')).max(100, 'at most 100 tags')),
  date: z.union([z.string(), z.date(), z.number()]).transform((d, ctx) => {
    // YAML reads 2025-06-01 as a Date and 2025 as a number.
    const s = d instanceof Date ? d.toISOString().slice(0, 10) : String(d);
    if (!/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'expected YYYY, YYYY-MM or YYYY-MM-DD' });
      return z.NEVER;
    }
    return s;
  }),
  language: z.string().trim().regex(/^[a-z]{2}$/i, 'expected a two-letter ISO 639-1 code').transform((s) => s.toLowerCase()),
} as const;

/** Fields a document can do without, so a bad value is dropped rather than replaced. */
const OPTIONAL_FIELDS = new Set(['author', 'source', 'url', 'date', 'tags']);

export type PartialMeta = Partial<DocumentMeta>;

/** Validates a raw metadata object field by field; bad fields are warned about and dropped. */
export function validateMeta(raw: unknown, file: string, where: string, warnings: IngestWarning[]): PartialMeta {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warnings.push({ file, message: `${where} metadata is not a mapping of fields; ignored` });
    return {};
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const schema = FIELD_SCHEMAS[key as keyof typeof FIELD_SCHEMAS];
    if (!schema) {
      warnings.push({ file, message: `${where} metadata has unknown field "${key}"; ignored` });
      continue;
    }
    // A lone speaker name is a list of one.
    const v = key === 'speakers' && typeof value === 'string' ? [value] : value;
    const r = schema.safeParse(v);
    if (r.success) out[key] = r.data;
    else {
      const why = r.error.issues[0]?.message ?? 'invalid value';
      const fallback = OPTIONAL_FIELDS.has(key) ? 'left out' : 'using the default';
      warnings.push({ file, message: `${where} metadata field "${key}" is invalid (${why}); ${fallback}` });
    }
  }
  return out as PartialMeta;
}

/** Reads corpus.yaml: `documents: { <file name>: {fields} }` (a bare mapping of file names also works). */
export function parseSidecar(text: string, warnings: IngestWarning[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  let doc: unknown;
  try {
    doc = yaml().parse(text);
  } catch (e) {
    warnings.push({ file: SIDECAR, message: `is not valid YAML (${(e as Error).message.split('\n')[0]}); metadata ignored` });
    return out;
  }
  if (doc === null || doc === undefined) return out;
  const root = (doc as { documents?: unknown }).documents ?? doc;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    warnings.push({ file: SIDECAR, message: 'expected "documents:" mapping file names to metadata; ignored' });
    return out;
  }
  for (const [name, meta] of Object.entries(root as Record<string, unknown>)) out.set(name, meta);
  return out;
}

export function slugify(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'document'
  );
}

/** Fills in defaults for fields the metadata did not give. */
export function completeMeta(partial: PartialMeta, file: string, guessed: { title?: string; kind: DocKind }): DocumentMeta {
  const base = file.replace(/\.[^.]+$/, '');
  return {
    id: partial.id ?? slugify(base),
    title: partial.title ?? guessed.title ?? base,
    kind: partial.kind ?? guessed.kind,
    speakers: partial.speakers ?? [],
    ...(partial.author !== undefined ? { author: partial.author } : {}),
    ...(partial.source !== undefined ? { source: partial.source } : {}),
    ...(partial.url !== undefined ? { url: partial.url } : {}),
    ...(partial.date !== undefined ? { date: partial.date } : {}),
    ...(partial.tags?.length ? { tags: partial.tags } : {}),
    language: partial.language ?? 'en',
  };
}
