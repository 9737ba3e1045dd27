// DATABASE_URL handling with no driver behind it, so the config schema can check the URL without
// loading pg (a cold start that uses SQLite never pays for it).

export const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

/** The URL as it may be shown: user, host, port and database, without the password or options. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
