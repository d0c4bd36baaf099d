import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStoreSettings } from '../../src/config.js';
import { openStore } from '../../src/store/index.js';
import { runInProcess, spawnCli } from './helpers.js';

// A real database written through the store's API, then read back through the CLI.
let dataDir: string;
const DAY = 86_400_000;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'selene-data-'));
  const store = openStore({ dataDir, hashSecret: 'test-secret-for-the-cli-tests', logger: { info() {}, warn() {} } });
  const now = Date.now();
  const ask = (guildId: string, text: string, answered: boolean, confidence: number, ago = 0) =>
    store.recordQuestion({
      guildId,
      text,
      normalised: text.toLowerCase(),
      answered,
      entryId: answered ? 'what-is-selenium' : null,
      confidence,
      route: answered ? 'entry' : 'none',
      now: new Date(now - ago),
    });
  for (let i = 0; i < 3; i++) ask('111', 'does selenium cure baldness', false, 0.1);
  ask('222', 'can my cat eat selenium', false, 0.2);
  ask('111', 'what is selenium exactly', true, 0.6);
  ask('111', 'an old refused question', false, 0.1, 30 * DAY);
  store.recordVote({ answerId: 'a1', userId: 'u1', guildId: '111', entryId: 'what-is-selenium', vote: 'down' });
  store.recordVote({ answerId: 'a1', userId: 'u2', guildId: '111', entryId: 'what-is-selenium', vote: 'down' });
  store.recordVote({ answerId: 'a2', userId: 'u1', guildId: '222', entryId: 'food-sources', vote: 'up' });
  store.updateSettings('111', { cooldownSeconds: 30 });
  store.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('selene kb report', () => {
  it('--json lists top unanswered, worst entries and low-confidence answers since the window', async () => {
    const r = await runInProcess(['kb', 'report', '--json', '--since', '7d', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.topUnanswered.map((q: { text: string; count: number }) => [q.text, q.count])).toEqual([
      ['does selenium cure baldness', 3],
      ['can my cat eat selenium', 1],
    ]);
    expect(report.worstEntries[0]).toEqual({ entryId: 'what-is-selenium', up: 0, down: 2 });
    expect(report.lowConfidence).toEqual([
      { text: 'what is selenium exactly', entryId: 'what-is-selenium', confidence: 0.6, count: 1 },
    ]);
    expect(report.suggestions).toBeUndefined();
  });

  it('prints tables, and with --suggest where each frequent unanswered question stands', async () => {
    const r = await runInProcess(['kb', 'report', '--suggest', '--since', '60d', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Top unanswered questions\ncount\s+question\s+last seen\n[- ]+\n\s*3\s+does selenium cure baldness/,
    );
    expect(r.stdout).toContain('an old refused question');
    expect(r.stdout).toContain('Entries with the worst feedback');
    expect(r.stdout).toMatch(
      /Suggestions for unanswered questions\n.*\n.*\n\s*3\s+does selenium cure baldness\s+(add a phrasing to|nothing close|answered now)/,
    );
  });

  it('reports a missing database instead of creating one (exit 1)', async () => {
    const r = await runInProcess(['kb', 'report', '--data-dir', join(dataDir, 'nope')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no database at .*nope/);
  });
});

describe('selene data', () => {
  it('export --guild prints only that server as JSON on stdout', async () => {
    const r = await spawnCli(['data', 'export', '--guild', '111'], { env: { DATA_DIR: dataDir } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const data = JSON.parse(r.stdout);
    expect(data.guildId).toBe('111');
    expect(data.settings).toMatchObject({ cooldownSeconds: 30 });
    expect(data.questions).toHaveLength(5);
    expect(data.votes).toHaveLength(2);
    expect(r.stdout).not.toContain('can my cat eat selenium');
    expect(r.stdout).not.toMatch(/u1|u2/);
  });

  it('purge --guild deletes that server and nothing else', async () => {
    const purge = await runInProcess(['data', 'purge', '--guild', '222', '--data-dir', dataDir]);
    expect(purge.code).toBe(0);
    expect(purge.stdout).toBe('purged server 222: 1 votes, 1 questions, 0 settings\n');
    const after = await runInProcess(['data', 'export', '--guild', '222', '--data-dir', dataDir]);
    expect(JSON.parse(after.stdout)).toMatchObject({ settings: null, votes: [], questions: [] });
    const other = await runInProcess(['data', 'export', '--guild', '111', '--data-dir', dataDir]);
    expect(JSON.parse(other.stdout).questions).toHaveLength(5);
  });

  it('an invalid guild id is a usage error', async () => {
    const r = await runInProcess(['data', 'export', '--guild', 'drop table;', '--data-dir', dataDir]);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/^selene: --guild must be a server id/);
  });
});

// The CLI reads DATA_DIR and SELENE_HASH_SECRET as the bot does: through src/config.ts, .env included.
describe("the database commands' environment", () => {
  it("DATA_DIR from a .env file in the working directory finds the bot's database", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'selene-cwd-'));
    try {
      writeFileSync(join(cwd, '.env'), `DATA_DIR=${dataDir}\n`);
      const r = await spawnCli(['data', 'export', '--guild', '111'], { cwd });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ guildId: '111', settings: { cooldownSeconds: 30 } });
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('a SELENE_HASH_SECRET the bot would refuse is refused here too, without echoing it (exit 1)', async () => {
    const r = await runInProcess(['data', 'export', '--guild', '111', '--data-dir', dataDir], '', {
      SELENE_HASH_SECRET: 'short-secret',
    });
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe('selene: SELENE_HASH_SECRET must be at least 16 characters\n');
  });

  it("parseStoreSettings: the bot's defaults, blanks unset, the secret never enumerable", () => {
    expect(parseStoreSettings({})).toEqual({ ok: true, settings: { dataDir: './data' } });
    const parsed = parseStoreSettings({ DATA_DIR: ' /srv/selene ', SELENE_HASH_SECRET: 'a-long-enough-secret' });
    expect(parsed.ok && parsed.settings.dataDir).toBe('/srv/selene');
    expect(parsed.ok && parsed.settings.hashSecret).toBe('a-long-enough-secret');
    expect(JSON.stringify(parsed)).not.toContain('a-long-enough-secret');
    expect(parseStoreSettings({ DATA_DIR: '  ' })).toEqual({ ok: true, settings: { dataDir: './data' } });
  });
});
