import { describe, expect, it } from 'vitest';
import { openStore, type QuestionInput, type Store } from '../../src/store/index.js';
import { databaseBytes, recordingLogger, tempDataDir } from './helpers.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1);
const at = (days: number): Date => new Date(T0 + days * DAY);

const refused = (text: string, normalised: string, when: Date, guildId: string | null = 'g1'): QuestionInput => ({
  guildId,
  text,
  normalised,
  answered: false,
  entryId: null,
  confidence: 0.1,
  route: 'none',
  now: when,
});

const answered = (text: string, entryId: string, confidence: number, when: Date): QuestionInput => ({
  guildId: 'g1',
  text,
  normalised: text.toLowerCase(),
  answered: true,
  entryId,
  confidence,
  route: 'entry',
  now: when,
});

const record = (store: Store, ...qs: QuestionInput[]): void => {
  for (const q of qs) expect(store.recordQuestion(q).ok).toBe(true);
};

const mustReport = (store: Store, since: Date, limit?: number, lowConfidenceBelow?: number) => {
  const r = store.report({ since, limit, lowConfidenceBelow });
  if (!r.ok) throw new Error(`report failed: ${r.message}`);
  return r.value;
};

describe('questions log and report', () => {
  it('aggregates refused questions by normalised text with count and last seen, within the window', () => {
    const store = openStore({ dataDir: tempDataDir(), logger: recordingLogger() });
    record(
      store,
      refused('How much selenium is in rice?', 'selenium rice', at(1)),
      refused('selenium in rice??', 'selenium rice', at(3), null),
      refused('Rice selenium', 'selenium rice', at(5), 'g2'),
      refused('Is selenium a metal?', 'selenium metal', at(4)),
      answered('What is selenium', 'what-is', 0.9, at(6)),
    );

    const all = mustReport(store, at(0));
    expect(all.topUnanswered).toEqual([
      // Latest wording shown; counted across servers and DMs.
      { text: 'Rice selenium', count: 3, lastSeen: at(5) },
      { text: 'Is selenium a metal?', count: 1, lastSeen: at(4) },
    ]);
    expect(mustReport(store, at(2)).topUnanswered[0]).toEqual({ text: 'Rice selenium', count: 2, lastSeen: at(5) });
    expect(mustReport(store, at(0), 1).topUnanswered).toHaveLength(1);
    expect(mustReport(store, at(7)).topUnanswered).toEqual([]);
    store.close();
  });

  it('lists low-confidence answers lowest first, grouped by question and entry', () => {
    const store = openStore({ dataDir: tempDataDir(), logger: recordingLogger() });
    record(
      store,
      answered('Brazil nuts', 'foods', 0.55, at(1)),
      answered('Brazil nuts', 'foods', 0.6, at(2)), // latest confidence wins
      answered('Thyroid', 'thyroid', 0.52, at(1)),
      answered('Daily intake', 'intake', 0.95, at(1)),
      refused('Unrelated', 'unrelated', at(1)),
    );
    const { lowConfidence } = mustReport(store, at(0));
    expect(lowConfidence).toEqual([
      { text: 'Thyroid', entryId: 'thyroid', confidence: 0.52, count: 1 },
      { text: 'Brazil nuts', entryId: 'foods', confidence: 0.6, count: 2 },
      { text: 'Daily intake', entryId: 'intake', confidence: 0.95, count: 1 },
    ]);
    expect(mustReport(store, at(0), 10, 0.7).lowConfidence.map((r) => r.entryId)).toEqual(['thyroid', 'foods']);
    store.close();
  });

  it('lists the entries with the worst feedback', () => {
    const store = openStore({ dataDir: tempDataDir(), logger: recordingLogger() });
    const votes: [string, 'up' | 'down', number][] = [
      ['bad', 'down', 3],
      ['bad', 'up', 1],
      ['mixed', 'down', 1],
      ['mixed', 'up', 2],
      ['good', 'up', 3],
    ];
    let n = 0;
    for (const [entryId, vote, times] of votes) {
      for (let i = 0; i < times; i++) {
        const r = store.recordVote({ answerId: `a${n}`, userId: `u${n++}`, guildId: 'g1', entryId, vote, now: at(1) });
        expect(r.ok).toBe(true);
      }
    }
    expect(mustReport(store, at(0)).worstEntries).toEqual([
      { entryId: 'bad', up: 1, down: 3 },
      { entryId: 'mixed', up: 2, down: 1 },
    ]);
    expect(mustReport(store, at(2)).worstEntries).toEqual([]);
    store.close();
  });

  it('purges question texts older than the retention period, from the rows and from the file', () => {
    const dataDir = tempDataDir();
    const store = openStore({ dataDir, retentionDays: 90, logger: recordingLogger() });
    const oldText = 'An old question about zebrafish selenium 12345';
    record(
      store,
      refused(oldText, 'old zebrafish', at(0)),
      refused('A recent question', 'recent', at(2)),
      answered('Old answered question', 'foods', 0.9, at(0)),
    );
    expect(store.purgeExpired(at(91))).toEqual({ ok: true, value: { questions: 2, votes: 0 } });
    const after = mustReport(store, at(-1));
    expect(after.topUnanswered.map((q) => q.text)).toEqual(['A recent question']);
    expect(after.lowConfidence).toEqual([]);
    // secure_delete + WAL checkpoint: the text is gone from the disk, not just unlinked.
    expect(databaseBytes(dataDir).includes(oldText)).toBe(false);
    expect(store.purgeExpired(at(91))).toEqual({ ok: true, value: { questions: 0, votes: 0 } });
    store.close();
  });
});
