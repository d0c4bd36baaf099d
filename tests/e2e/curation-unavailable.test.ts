import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotStore } from '../../src/discord/bot-store.js';
import { openStore, type Store, type StoreLogger } from '../../src/store/index.js';
import { spawnFixture, waitForExit, waitForLine } from '../store/helpers.js';
import type { Json } from './fake-discord/index.js';
import { body, buttonsOf, type Harness, isEphemeral, startHarness } from './helpers/bot.js';

// The database cannot be written (opened read-only, as when the file or disk is read-only; full, past its
// size cap; or locked by another process past the busy timeout): the bot keeps answering, and the feedback
// button and /settings say the change was not saved.

const silent: StoreLogger = { info: () => {}, warn: () => {} };

/** What the store logs as the reason, per way of being unavailable. */
const reasons: Record<string, string> = { 'read-only': 'readonly', full: 'full', locked: 'busy' };
const cleanups: (() => Promise<unknown>)[] = [];

const stores: Record<string, (dataDir: string, logger: StoreLogger) => Store | Promise<Store>> = {
  'read-only': (dataDir, logger) => {
    openStore({ dataDir, logger: silent }).close();
    return openStore({ dataDir, logger, readonly: true });
  },
  full: (dataDir, logger) => {
    const store = openStore({ dataDir, logger, maxSizeBytes: 64 * 1024 });
    // Fill it with votes until a write fails.
    for (let i = 0; i < 10_000; i++) {
      const r = store.recordVote({ answerId: `a${i}`, userId: `u${i}`, guildId: null, entryId: null, vote: 'up' });
      if (!r.ok) break;
    }
    return store;
  },
  locked: async (dataDir, logger) => {
    openStore({ dataDir, logger: silent }).close();
    // Another process holds the write lock (BEGIN EXCLUSIVE) for the whole test.
    const holder = spawnFixture('lock-holder.ts', [join(dataDir, 'selene.db')]);
    await waitForLine(holder, (l) => l === 'locked');
    cleanups.push(() => {
      holder.stdin.end();
      return waitForExit(holder);
    });
    return openStore({ dataDir, logger, busyTimeoutMs: 200 });
  },
};

describe.each(Object.keys(stores))('database unavailable (%s)', (kind) => {
  let h: Harness;
  let dataDir: string;
  let store: Store;
  const warnings: string[] = [];
  const logger: StoreLogger = { info: () => {}, warn: (_obj, msg) => void warnings.push(msg) };
  let n = 0;
  const member = () => h.fake.addUser(`member${++n}`);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `selene-${kind}-`));
    store = (await stores[kind]?.(dataDir, logger)) as Store;
    h = await startHarness({ start: { store: createBotStore(store) } });
  });

  afterAll(async () => {
    await h?.close();
    store?.close();
    for (const cleanup of cleanups.splice(0)) await cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps answering, and the feedback button says the vote could not be saved', async () => {
    const sent = h.fake.sendMessage({ content: 'what is selenium?', mentionsBot: true, author: member() });
    const reply = await h.fake.waitForReplyTo(String(sent.id));
    expect(body(reply.body).content?.length).toBeGreaterThan(0);
    const up = buttonsOf(reply.body).find((b) => b.custom_id?.startsWith('sel:vote:u:'));
    expect(up).toBeDefined();
    const click = await h.fake.clickButton({
      customId: up?.custom_id ?? '',
      message: String((reply.response as Json).id),
      user: member(),
    });
    expect(isEphemeral(body(click.data))).toBe(true);
    expect(body(click.data).content).toContain('could not be saved');
    expect(warnings.some((w) => w.includes(`(${reasons[kind]})`))).toBe(true);

    const outcome = await h.fake.slash({ name: 'ask', options: { question: 'what is selenium?' }, user: member() });
    expect(body(outcome.data).content).toContain('selenium');
  });

  // A full database may still fit one settings row in a page it already has; read-only never writes.
  it.skipIf(kind === 'full')('says a setting could not be saved', async () => {
    const outcome = await h.fake.slash({
      name: 'settings',
      options: [{ name: 'cooldown', type: 1, options: [{ name: 'seconds', type: 4, value: 9 }] }] as unknown as Json[],
    });
    expect(isEphemeral(body(outcome.data))).toBe(true);
    expect(body(outcome.data).content).toContain('could not save');
  });
});
