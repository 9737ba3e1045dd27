// An error whose message is written for the person who caused it (a user typing a command, an
// operator setting up the bot). Adapters show `message` as is; anything else is a bug and is shown
// as a generic apology while the details go to the log.
export class UserError extends Error {
  constructor(
    message: string,
    /** Machine-readable reason, stable for tests and JSON output. */
    readonly code: string = 'bad_input',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const isUserError = (e: unknown): e is UserError => e instanceof UserError;

/** The message of anything thrown, for logs and one-line reports: not everything thrown is an Error. */
export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));
