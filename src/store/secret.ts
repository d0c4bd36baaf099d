// The key for pseudonymising Discord user ids. Without the key the hashes cannot be reversed by trying all
// snowflakes (a plain SHA-256 of a snowflake could be), and a copied database file alone reveals no ids.
import { createHmac, randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const SECRET_FILE_NAME = 'hash-secret';
/** 16 characters is the least we accept from SELENE_HASH_SECRET; generated secrets are 64 hex characters. */
export const MIN_SECRET_LENGTH = 16;

export const hashSecretSchema = z.string().trim().min(MIN_SECRET_LENGTH, 'hash secret must be at least 16 characters');

/** HMAC-SHA256 of the user id; the domain prefix keeps these hashes apart from any other use of the key. */
export const hashUserId = (secret: string, userId: string): string =>
  createHmac('sha256', secret).update(`discord-user:${userId}`).digest('hex');

/**
 * Reads `${dataDir}/hash-secret`, creating it (mode 0600) on first use. Several shards may start at once,
 * so the secret is written to a private temporary file and hard-linked into place: link() fails if the
 * name exists, so exactly one secret wins and nobody ever reads a half-written file.
 */
export const loadOrCreateHashSecret = (dataDir: string): string => {
  const path = join(dataDir, SECRET_FILE_NAME);
  const existing = readSecretFile(path);
  if (existing !== null) return existing;

  const tmp = join(dataDir, `.${SECRET_FILE_NAME}.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
  const created = readSecretFile(path);
  if (created === null) throw new Error(`${path} exists but holds no usable secret`);
  return created;
};

const readSecretFile = (path: string): string | null => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const parsed = hashSecretSchema.safeParse(text);
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues[0]?.message ?? 'invalid secret'}`);
  return parsed.data;
};

/** The secret already in `dataDir`, or null; for read-only stores, which must not create files. */
export const readExistingHashSecret = (dataDir: string): string | null =>
  readSecretFile(join(dataDir, SECRET_FILE_NAME));
