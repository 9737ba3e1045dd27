// The log events of a load's corpus warnings, apart from the ingest pipeline: a bot started from a
// snapshot reports the warnings it saved without loading the readers and cleaners that made them.
import { log } from '../log.js';
import type { IngestWarning } from '../corpus.js';

/** A file that is not served at all. */
export const CORPUS_FILE_SKIPPED = 'corpus_file_skipped';
/** A file that is served, with a problem in part of it (a metadata field, a duplicate id). */
export const CORPUS_FILE_WARNING = 'corpus_file_warning';

/** Logs a load's warnings, keeping files left out apart from files served despite a problem. */
export function logIngestWarnings(warnings: IngestWarning[]): void {
  for (const w of warnings) log.warn(w.skipped ? CORPUS_FILE_SKIPPED : CORPUS_FILE_WARNING, { file: w.file, reason: w.message });
}
