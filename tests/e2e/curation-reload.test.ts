import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NO_STORE } from '../../src/discord/no-store.js';
import { body, type Harness, isEphemeral, KNOWLEDGE_DIR, startHarness } from './helpers/bot.js';

// Knowledge reload without a restart: the bot runs from a copy of knowledge/ that the test edits.

let h: Harness;
let dir: string;
let original: string;
let n = 0;
const member = () => h.fake.addUser(`reader${++n}`);

const articleFile = () => join(dir, 'article.json');
const writeArticle = (change: (a: Record<string, unknown>) => void) => {
  const article = JSON.parse(original) as Record<string, unknown>;
  change(article);
  writeFileSync(articleFile(), JSON.stringify(article, null, 2));
};

/** The title /article shows right now. */
async function shownTitle(): Promise<string | undefined> {
  const outcome = await h.fake.slash({ name: 'article', user: member() });
  return body(outcome.data).embeds?.[0]?.title;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'selene-knowledge-'));
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
  original = readFileSync(articleFile(), 'utf8');
  h = await startHarness({ env: { COOLDOWN_SECONDS: '0' }, start: { knowledgeDir: dir } });
});

afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('knowledge reload', () => {
  it('/reload is refused to anyone but the application owner', async () => {
    const outcome = await h.fake.slash({ name: 'reload', user: member() });
    expect(isEphemeral(body(outcome.data))).toBe(true);
    expect(body(outcome.data).content).toContain("Only the bot's owner");
  });

  it('keeps the last good knowledge when the files are invalid, and names file, path and reason', async () => {
    const before = await shownTitle();
    writeArticle((a) => {
      delete a.title;
    });
    const outcome = await h.fake.slash({ name: 'reload' }); // the tester owns the application
    const content = body(outcome.data).content ?? '';
    expect(isEphemeral(body(outcome.data))).toBe(true);
    expect(content).toContain('not reloaded');
    expect(content).toContain('article.json');
    expect(content).toContain('$.title');

    const logged = h.logs.lines.filter((l) => l.file === 'article.json' && l.path === '$.title');
    expect(logged.length).toBeGreaterThan(0);
    expect(String(logged[0]?.reason).length).toBeGreaterThan(0);

    // Still answering, from the old knowledge.
    expect(await shownTitle()).toBe(before);
    const asked = h.fake.sendMessage({ content: 'what is selenium?', mentionsBot: true, author: member() });
    await h.fake.waitForReplyTo(String(asked.id));

    const direct = h.bot.reloadKnowledge();
    expect(direct.ok).toBe(false);
    if (!direct.ok)
      expect(direct.errors).toContainEqual(expect.objectContaining({ file: 'article.json', path: '$.title' }));
  });

  it('swaps in valid knowledge, by command and by reloadKnowledge()', async () => {
    writeArticle((a) => {
      a.title = 'Selenium and immunity (edited by a curator)';
    });
    const outcome = await h.fake.slash({ name: 'reload', guildId: null }); // also from the owner's DM
    expect(body(outcome.data).content).toContain('Knowledge reloaded');
    expect(await shownTitle()).toBe('Selenium and immunity (edited by a curator)');

    writeFileSync(articleFile(), original);
    const direct = h.bot.reloadKnowledge();
    expect(direct.ok).toBe(true);
    expect(await shownTitle()).toBe(JSON.parse(original).title);
  });
});

describe('retention purge timer', () => {
  it('runs on ready, then on every interval, and stops with the bot', async () => {
    let purges = 0;
    const timed = await startHarness({
      start: { store: { ...NO_STORE, saves: true, purgeExpired: () => void purges++ }, retentionPurgeIntervalMs: 20 },
    });
    try {
      expect(purges).toBeGreaterThanOrEqual(1); // the purge on ready ran before startBot resolved
      await vi.waitFor(() => expect(purges).toBeGreaterThanOrEqual(3));
    } finally {
      await timed.close();
    }
    const atStop = purges;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(purges).toBe(atStop);
  });
});
