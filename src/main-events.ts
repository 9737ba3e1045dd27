// The names of the events src/main.ts logs, in a module of their own because importing main.ts
// starts the bot: the acks bench and the start-up tests wait on these lines.

/** The first library is loaded (or restored from its snapshot) and answers commands. */
export const CORPUS_LOADED = 'corpus_loaded';
/** SIGINT or SIGTERM arrived: the platforms are being stopped. */
export const SHUTTING_DOWN = 'shutting_down';
/** A promise rejected with nobody listening: logged, never fatal. */
export const UNHANDLED_REJECTION = 'unhandled_rejection';
