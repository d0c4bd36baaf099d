import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

// Whether a driver (an npm package) is loaded after importing the given modules, in a fresh Node (vitest's own
// module graph would already hold it from other tests).
const loads = (driver: 'pg' | 'better-sqlite3', modules: readonly string[], then = ''): boolean => {
  const script = `
    for (const m of ${JSON.stringify(modules)}) await import(${JSON.stringify(root)} + m);
    ${then}
    const { createRequire } = await import('node:module');
    const cache = createRequire(${JSON.stringify(root)}).cache;
    console.log(Object.keys(cache).some((k) => /[\\\\/]node_modules[\\\\/]${driver}[\\\\/]/.test(k)));
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  return out.trim().endsWith('true');
};

describe('the PostgreSQL driver', () => {
  it('is not loaded by the configuration or the store API, so a bot on SQLite never pays for it', () => {
    expect(loads('pg', ['src/config.ts', 'src/store/index.ts'])).toBe(false);
  });

  it('is loaded once PostgreSQL is actually opened', () => {
    // The URL points at a closed port: opening fails, but only after the driver was needed.
    const open = `
      const { openBackend } = await import(${JSON.stringify(root)} + 'src/store/index.ts');
      await openBackend({ databaseUrl: 'postgres://u:p@127.0.0.1:1/x', hashSecret: 's'.repeat(32), dataDir: '/nonexistent', logger: { warn() {}, error() {}, info() {} } }).catch(() => {});
    `;
    expect(loads('pg', ['src/store/index.ts'], open)).toBe(true);
  });
});

describe('the SQLite driver', () => {
  it('is not loaded by the store API or the bot itself, only by opening a SQLite store', () => {
    // The bot imports the store API (settings limits, types) whichever backend it runs on.
    expect(loads('better-sqlite3', ['src/config.ts', 'src/store/index.ts', 'src/discord/bot.ts'])).toBe(false);
  });

  it('is loaded once SQLite is actually opened', () => {
    const open = `
      const { mkdtempSync, rmSync } = await import('node:fs');
      const dir = mkdtempSync((await import('node:os')).tmpdir() + '/selene-driver-');
      const { openStore } = await import(${JSON.stringify(root)} + 'src/store/index.ts');
      openStore({ dataDir: dir }).close();
      rmSync(dir, { recursive: true, force: true });
    `;
    expect(loads('better-sqlite3', ['src/store/index.ts'], open)).toBe(true);
  });
});
