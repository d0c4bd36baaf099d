// DATABASE_URL: validation and printable forms without the password. Kept apart from the pg driver so that
// reading the configuration, and a bot on SQLite, never load it.
import { z } from 'zod';

/** Only postgres:// and postgresql:// select PostgreSQL; anything else is a mistake worth naming. */
export const databaseUrlSchema = z
  .string()
  .trim()
  .refine((s) => /^postgres(?:ql)?:\/\//i.test(s), 'must start with postgres:// or postgresql://')
  .refine((s) => URL.canParse(s), 'is not a valid URL')
  .refine(
    (s) => URL.canParse(s) && new URL(s).hostname !== '',
    'must name a host, e.g. postgres://user:password@db:5432/selene',
  );

export const HASH_SECRET_REQUIRED =
  'SELENE_HASH_SECRET is required with DATABASE_URL: every host must hash member ids with the same secret, ' +
  'or one member would count as several (use the content of DATA_DIR/hash-secret when moving from SQLite)';

/** The URL with its password replaced, for logs and error messages. */
export const redactUrl = (url: string): string => {
  if (!URL.canParse(url)) return '(unparseable DATABASE_URL)';
  const u = new URL(url);
  if (u.password) u.password = '***';
  // Query parameters may carry a password too (?password=...).
  for (const key of [...u.searchParams.keys()]) if (/pass/i.test(key)) u.searchParams.set(key, '***');
  return u.toString();
};

/** host:port/database, for one-line messages. */
export const whereOf = (url: string): string => {
  if (!URL.canParse(url)) return 'PostgreSQL';
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname.length > 1 ? u.pathname : ''}`;
};

/** Removes the URL's password from any text (a driver message may quote its input). */
export const scrubPassword = (text: string, url: string): string => {
  if (!URL.canParse(url)) return text;
  const password = decodeURIComponent(new URL(url).password);
  return password.length > 0 ? text.split(password).join('***') : text;
};
