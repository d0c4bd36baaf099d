import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COOLDOWN_SECONDS,
  DEFAULT_SETTINGS,
  openStore,
  type QuestionInput,
  type Store,
} from '../../src/store/index.js';
import { parseStoredSettings } from '../../src/store/settings.js';
import { databaseBytes, fakeClock, recordingLogger, tempDataDir } from './helpers.js';

const question = (guildId: string | null, text: string): QuestionInput => ({
  guildId,
  text,
  normalised: text.toLowerCase(),
  answered: false,
  entryId: null,
  confidence: 0.1,
  route: 'none',
});

const seed = (store: Store): void => {
  for (const [guildId, text] of [
    ['g1', 'Guild one asks about tuna'],
    ['g1', 'Guild one asks about eggs'],
    ['g2', 'Guild two asks about rice'],
    [null, 'A direct message question'],
  ] as const) {
    expect(store.recordQuestion(question(guildId, text)).ok).toBe(true);
  }
  expect(store.recordVote({ answerId: 'm1', userId: '111', guildId: 'g1', entryId: 'foods', vote: 'up' }).ok).toBe(
    true,
  );
  expect(store.recordVote({ answerId: 'm2', userId: '222', guildId: 'g2', entryId: 'foods', vote: 'down' }).ok).toBe(
    true,
  );
  expect(store.updateSettings('g1', { linkCards: false }).ok).toBe(true);
  expect(store.updateSettings('g2', { cooldownSeconds: 60 }).ok).toBe(true);
};

describe('guild settings', () => {
  it('defaults when a server never changed anything', () => {
    const store = openStore({ dataDir: tempDataDir(), logger: recordingLogger() });
    expect(store.getSettings('123')).toEqual({
      answerChannels: [],
      privateByDefault: false,
      cooldownSeconds: DEFAULT_COOLDOWN_SECONDS,
      linkCards: true,
      threads: false,
    });
    expect(DEFAULT_SETTINGS.cooldownSeconds).toBe(DEFAULT_COOLDOWN_SECONDS);
    // Callers get a copy: mutating it changes nothing stored or shared.
    store.getSettings('123').answerChannels.push('999');
    expect(store.getSettings('123').answerChannels).toEqual([]);
    store.close();
  });

  it('updates by patch or updater, survive a reopen, and reject invalid values', () => {
    const dataDir = tempDataDir();
    const store = openStore({ dataDir, logger: recordingLogger() });
    expect(store.updateSettings('g1', { answerChannels: ['c1', 'c2'], privateByDefault: true })).toEqual({
      ok: true,
      value: {
        answerChannels: ['c1', 'c2'],
        privateByDefault: true,
        cooldownSeconds: DEFAULT_COOLDOWN_SECONDS,
        linkCards: true,
        threads: false,
      },
    });
    const updated = store.updateSettings('g1', (cur) => ({ answerChannels: [...cur.answerChannels, 'c3', 'c1'] }));
    expect(updated.ok && updated.value.answerChannels).toEqual(['c1', 'c2', 'c3']);

    expect(store.updateSettings('g1', { cooldownSeconds: -1 })).toMatchObject({ ok: false, reason: 'invalid' });
    // @ts-expect-error: unknown setting
    expect(store.updateSettings('g1', { colour: 'red' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(store.updateSettings('not a guild id!', { linkCards: false })).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    store.close();

    const reopened = openStore({ dataDir, logger: recordingLogger() });
    expect(reopened.getSettings('g1')).toEqual({
      answerChannels: ['c1', 'c2', 'c3'],
      privateByDefault: true,
      cooldownSeconds: DEFAULT_COOLDOWN_SECONDS,
      linkCards: true,
      threads: false,
    });
    expect(reopened.getSettings('g2')).toEqual(DEFAULT_SETTINGS);
    reopened.close();
  });

  it('leaving a server (deleteGuild) forgets its settings only', () => {
    const store = openStore({ dataDir: tempDataDir(), logger: recordingLogger() });
    seed(store);
    expect(store.deleteGuild('g1')).toEqual({ ok: true, value: { settings: 1 } });
    expect(store.getSettings('g1')).toEqual(DEFAULT_SETTINGS);
    expect(store.getSettings('g2').cooldownSeconds).toBe(60);
    const exported = store.exportGuild('g1');
    expect(exported.ok && exported.value.questions).toHaveLength(2);
    expect(store.deleteGuild('g1')).toEqual({ ok: true, value: { settings: 0 } });
    store.close();
  });
});

describe('export and purge a guild', () => {
  it('exports every row about the guild, and nothing else, as JSON-able data', () => {
    const clock = fakeClock();
    const store = openStore({ dataDir: tempDataDir(), clock: clock.now, logger: recordingLogger() });
    seed(store);
    const r = store.exportGuild('g1');
    if (!r.ok) throw new Error(r.message);
    const e = r.value;
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    expect(e).toMatchObject({ format: 'selene-guild-export', version: 1, guildId: 'g1' });
    expect(e.exportedAt).toBe(new Date(clock.now()).toISOString());
    expect(e.settings).toEqual({ ...DEFAULT_SETTINGS, linkCards: false });
    expect(e.questions.map((q) => q.text)).toEqual(['Guild one asks about tuna', 'Guild one asks about eggs']);
    expect(e.votes).toEqual([
      expect.objectContaining({ answerId: 'm1', entryId: 'foods', vote: 'up', createdAt: expect.any(String) }),
    ]);
    expect(JSON.stringify(e)).not.toMatch(/rice|direct message|"111"|userHash|user_hash/);

    const empty = store.exportGuild('g404');
    expect(empty.ok && { ...empty.value, exportedAt: '' }).toEqual({
      format: 'selene-guild-export',
      version: 1,
      guildId: 'g404',
      exportedAt: '',
      settings: null,
      votes: [],
      questions: [],
    });
    store.close();
  });

  it('purges every row about the guild, from the rows and the file, leaving others intact', () => {
    const dataDir = tempDataDir();
    const store = openStore({ dataDir, logger: recordingLogger() });
    seed(store);
    expect(databaseBytes(dataDir).includes('Guild one asks about tuna')).toBe(true);

    expect(store.purgeGuild('g1')).toEqual({ ok: true, value: { votes: 1, questions: 2, settings: 1 } });
    const after = store.exportGuild('g1');
    expect(after.ok && [after.value.votes, after.value.questions, after.value.settings]).toEqual([[], [], null]);
    expect(databaseBytes(dataDir).includes('Guild one asks about tuna')).toBe(false);

    const other = store.exportGuild('g2');
    expect(other.ok && [other.value.votes.length, other.value.questions.length]).toEqual([1, 1]);
    expect(store.getSettings('g2').cooldownSeconds).toBe(60);
    expect(store.purgeGuild('g1')).toEqual({ ok: true, value: { votes: 0, questions: 0, settings: 0 } });
    store.close();
  });
});

describe('the threads setting', () => {
  it('reads as off from documents written before it existed, and from a value that is not a boolean', () => {
    expect(parseStoredSettings(JSON.stringify({ linkCards: false })).threads).toBe(false);
    expect(parseStoredSettings(JSON.stringify({ threads: 'yes' })).threads).toBe(false);
    expect(parseStoredSettings(JSON.stringify({ threads: true })).threads).toBe(true);
  });

  it('is stored and survives a reopen', () => {
    const dataDir = tempDataDir();
    const store = openStore({ dataDir, logger: recordingLogger() });
    expect(store.updateSettings('g1', { threads: true }).ok).toBe(true);
    store.close();
    const reopened = openStore({ dataDir, logger: recordingLogger() });
    expect(reopened.getSettings('g1')).toEqual({ ...DEFAULT_SETTINGS, threads: true });
    reopened.close();
  });
});
