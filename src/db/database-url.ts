/**
 * Small helpers for PostgreSQL connection URLs: pointing a URL at another
 * database on the same server, and masking its password for messages and logs.
 */

/** The URL with its database (path) replaced by `name`; credentials, host and options kept. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

/** The database named in the URL's path. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

/** Masks every `user:password@` in `text` (a URL or a message quoting one). */
export function redactUrl(text: string): string {
  return text.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/g, "$1***@");
}
