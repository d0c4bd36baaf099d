// kill -9 of a bot process in the middle of writing: the built bot (`npm start`'s dist/) against the fake
// Discord, with members voting and asking as fast as it answers, SIGKILLed while votes are on their way
// into the database. What a member was told ("Thanks — noted") must be in the database afterwards, no row
// may be half-written, and the database must open for the restarted bot, which sees every committed vote.
// Run on PostgreSQL (the embedded server) and on the SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashUserId } from '../../src/store/secret.js';
import { startTestPostgres, type TestPostgres } from '../store/postgres-server.js';
import { type FakeDiscord, type FakeUser, startFakeDiscord } from './fake-discord/index.js';
import { body, buttonsOf, KNOWLEDGE_DIR } from './helpers/bot.js';
import { type Spawned, spawnBot } from './helpers/process.js';

const SECRET = 'kill-test-secret-0123456789';
const QUESTION = 'what is selenium?';
/** Votes acknowledged before the kill: enough that the kill lands in a steady stream of writes. */
const SAVED_BEFORE_KILL = 25;
/** Members clicking at once, so several votes are always somewhere between the click and the commit. */
const CLICKERS = 8;

interface Row {
  answer_id: string;
  user_hash: string;
  guild_id: string | null;
  entry_id: string | null;
  vote: string;
  created_at: number;
  updated_at: number;
}

interface Backend {
  name: string;
  env(): Promise<Record<string, string>>;
  /** Every vote and question row, read straight from the database after the kill. */
  rows(): Promise<{ votes: Row[]; questions: { text: string; answered: unknown }[] }>;
  cleanup(): Promise<void>;
}

const postgres = (): Backend => {
  let server: TestPostgres | undefined;
  let url = '';
  return {
    name: 'PostgreSQL',
    async env() {
      server = await startTestPostgres();
      url = await server.createDatabase('kill');
      return { DATABASE_URL: url };
    },
    async rows() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return {
          votes: (await c.query<Row>('SELECT * FROM votes')).rows,
          questions: (await c.query('SELECT text, answered FROM questions')).rows,
        };
      } finally {
        await c.end();
      }
    },
    cleanup: async () => server?.stop(),
  };
};

const sqlite = (dataDir: string): Backend => ({
  name: 'SQLite',
  env: async () => ({}),
  async rows() {
    const db = new Database(join(dataDir, 'selene.db'));
    try {
      // The killed process left its WAL behind; opening recovers it, and the file must pass the check.
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      return {
        votes: db.prepare('SELECT * FROM votes').all() as Row[],
        questions: db.prepare('SELECT text, answered FROM questions').all() as { text: string; answered: unknown }[],
      };
    } finally {
      db.close();
    }
  },
  cleanup: async () => {},
});

type Outcome = 'saved' | 'refused' | 'unknown';

describe.each([
  ['PostgreSQL', postgres],
  ['SQLite', sqlite],
] as const)('kill -9 of the bot mid-write (%s)', (_name, make) => {
  let fake: FakeDiscord;
  let dataDir: string;
  let backend: Backend;
  let env: Record<string, string>;
  const bots: Spawned[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'selene-kill-'));
    backend = make(dataDir);
    // A click whose bot died is given up after this long.
    fake = await startFakeDiscord({ timeoutMs: 4_000 });
    env = {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      KNOWLEDGE_DIR,
      DATA_DIR: dataDir,
      SELENE_HASH_SECRET: SECRET,
      COOLDOWN_SECONDS: '0',
      MESSAGE_CONTENT_INTENT: 'true',
      LOG_LEVEL: 'info',
      ...(await backend.env()),
    };
  }, 60_000);

  afterAll(async () => {
    for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await fake?.close();
    await backend?.cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const start = async (): Promise<Spawned> => {
    const bot = spawnBot(env);
    bots.push(bot);
    await bot.waitForStdout('"msg":"ready"', 30_000);
    return bot;
  };

  it('loses no acknowledged vote, leaves no broken row, and the restarted bot sees every commit', async () => {
    const guildId = fake.guilds[0]?.id ?? '';
    const bot = await start();
    const asked = await fake.slash({ name: 'ask', options: { question: QUESTION }, guildId });
    const buttons = buttonsOf(asked.data);
    const button = (vote: 'up' | 'down') =>
      buttons.find((b) => b.custom_id?.startsWith(`sel:vote:${vote === 'up' ? 'u' : 'd'}:`))?.custom_id ?? '';
    expect(button('up')).not.toBe('');
    const answerId = button('up').split(':')[3];

    const clicks: { user: FakeUser; userId: string; vote: 'up' | 'down'; outcome: Outcome }[] = [];
    const questionsSent: string[] = [QUESTION];
    let killed = false;
    const saved = () => clicks.filter((c) => c.outcome === 'saved').length;

    const clicker = async (worker: number) => {
      for (let i = 0; !killed; i++) {
        const user = fake.addUser(`voter-${worker}-${i}`);
        const vote: 'up' | 'down' = (worker + i) % 2 === 0 ? 'up' : 'down';
        const click = { user, userId: user.id, vote, outcome: 'unknown' as Outcome };
        clicks.push(click);
        const replied = fake.clickButton({ customId: button(vote), message: asked.messageId, guildId, user });
        // The kill comes right after a click is sent, so it lands with that vote in flight however loaded the
        // machine is (killed after a reply, every other vote could be answered before the signal lands).
        if (saved() >= SAVED_BEFORE_KILL && !killed) {
          killed = true;
          bot.child.kill('SIGKILL');
        }
        try {
          const reply = body((await replied).data);
          click.outcome = /^Thanks/.test(reply.content ?? '') ? 'saved' : 'refused';
        } catch {
          // No reply: the bot died with this click somewhere between the gateway and the commit.
          return;
        }
      }
    };
    // Questions too, so the question log is being written when the kill comes.
    const asker = async () => {
      for (let i = 0; !killed; i++) {
        const text = `${QUESTION} (${i})`;
        questionsSent.push(text);
        const sent = fake.sendMessage({ content: text, mentionsBot: true, guildId });
        await fake.waitForReplyTo(String(sent.id)).catch(() => {});
      }
    };
    await Promise.all([...Array.from({ length: CLICKERS }, (_, w) => clicker(w)), asker()]);
    expect(await bot.exit).toEqual({ code: null, signal: 'SIGKILL' });

    const acknowledged = clicks.filter((c) => c.outcome === 'saved');
    expect(acknowledged.length).toBeGreaterThanOrEqual(SAVED_BEFORE_KILL);
    // Nothing was refused while the database was fine, and the kill did land amid votes still in flight.
    expect(clicks.filter((c) => c.outcome === 'refused')).toEqual([]);
    expect(clicks.filter((c) => c.outcome === 'unknown').length).toBeGreaterThan(0);

    const { votes, questions } = await backend.rows();
    const byHash = new Map(clicks.map((c) => [hashUserId(SECRET, c.userId), c]));
    // Every acknowledged vote is there, with the value the member chose.
    const stored = new Map(votes.map((v) => [v.user_hash, v]));
    const lost = acknowledged.filter((c) => stored.get(hashUserId(SECRET, c.userId))?.vote !== c.vote);
    expect(lost).toEqual([]);
    // Every row is whole: one of the clicks, on this answer, with its own vote and consistent times.
    for (const row of votes) {
      const click = byHash.get(row.user_hash);
      expect(click, `row for an unknown member: ${JSON.stringify(row)}`).toBeDefined();
      expect(row).toMatchObject({ answer_id: answerId, guild_id: guildId, vote: click?.vote });
      expect(Number(row.created_at)).toBe(Number(row.updated_at));
      expect(Number(row.created_at)).toBeGreaterThan(Date.now() - 600_000);
    }
    expect(votes.length).toBeLessThanOrEqual(clicks.length);
    // Question rows are whole too (the log is best-effort: a kill may lose the last moment's questions).
    for (const q of questions) expect(questionsSent).toContain(q.text);

    // The restarted bot opens the same database and sees the committed votes as they are.
    const restarted = await start();
    const again = acknowledged[0];
    if (again === undefined) throw new Error('no acknowledged vote');
    const repeat = await fake.clickButton({
      customId: button(again.vote),
      message: asked.messageId,
      guildId,
      user: again.user,
    });
    expect(body(repeat.data).content).toMatch(/you had already voted that way/);
    const fresh = await fake.clickButton({
      customId: button('up'),
      message: asked.messageId,
      guildId,
      user: fake.addUser('after-restart'),
    });
    expect(body(fresh.data).content).toMatch(/^Thanks — noted/);
    const question = fake.sendMessage({ content: QUESTION, mentionsBot: true, guildId });
    expect(await fake.waitForReplyTo(String(question.id))).toBeTruthy();
    restarted.child.kill('SIGTERM');
    expect(await restarted.exit).toEqual({ code: 0, signal: null });
    expect((await backend.rows()).votes.length).toBe(votes.length + 1);
  }, 120_000);
});
