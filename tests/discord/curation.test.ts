import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { questionRecord } from '../../src/discord/bot-store.js';
import { decodeCustomId, encodeCustomId, voteCustomId } from '../../src/discord/custom-ids.js';
import { looksLikeQuestion } from '../../src/discord/events/message-create.js';
import { LIMITS } from '../../src/discord/limits.js';
import { findKnownLink, knownLinks, linkKey } from '../../src/discord/links.js';
import { describeReload, reloadKnowledge } from '../../src/discord/reload.js';
import {
  INTENT_HELP,
  type KnownLink,
  type ReplyPayload,
  renderAnswer,
  renderLinkCard,
  renderSettings,
} from '../../src/discord/render/index.js';
import { createEngine } from '../../src/engine/index.js';
import type { Answer, Engine } from '../../src/engine/types.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { createLogger } from '../../src/log.js';
import { DEFAULT_SETTINGS } from '../../src/store/index.js';
import { answerFixture } from '../fixtures/answer.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.secret.token-value';
const KNOWLEDGE = new URL('../../knowledge', import.meta.url).pathname;

const answer = (over: Partial<Answer> = {}): Answer =>
  answerFixture({
    suggestions: [
      { id: 'a-one', title: 'One', question: 'one?' },
      { id: 'a-two', title: 'Two', question: 'two?' },
      { id: 'a-three', title: 'Three', question: 'three?' },
    ],
    ...over,
  });

const buttons = (p: ReplyPayload) => p.components.flatMap((r) => r.components);
const votes = (p: ReplyPayload) => buttons(p).filter((b) => b.custom_id.startsWith('sel:vote:'));

describe('vote custom ids', () => {
  const answerId = fc.stringMatching(/^[0-9]{17,20}$/);
  const entryId = fc.stringMatching(/^[a-z0-9]{1,20}(-[a-z0-9]{1,20}){0,4}$/);

  it('round-trip within 100 characters, dropping only an entry id that would not fit', () => {
    fc.assert(
      fc.property(answerId, fc.option(entryId, { nil: null }), fc.constantFrom('up', 'down'), (a, e, vote) => {
        const id = voteCustomId(vote as 'up' | 'down', a, e);
        expect(id).not.toBeNull();
        expect(id?.length).toBeLessThanOrEqual(LIMITS.customId);
        const decoded = decodeCustomId(id ?? '');
        expect(decoded).toMatchObject({ kind: 'vote', vote, answerId: a });
        const fits = e !== null && `sel:vote:u:${a}:${e}`.length <= LIMITS.customId;
        expect(decoded?.kind === 'vote' && decoded.entryId).toBe(fits ? e : null);
      }),
    );
  });

  it('refuses answer ids that are not ids, and malformed vote ids', () => {
    expect(voteCustomId('up', 'not:an:id', 'x')).toBeNull();
    for (const s of [
      'sel:vote:x:123:a',
      'sel:vote:u::a',
      'sel:vote:u:123',
      'sel:vote:u:123:Bad_Entry',
      'sel:vote:u:1:a:b',
    ]) {
      expect(decodeCustomId(s)).toBeNull();
    }
  });

  it('section ids round-trip', () => {
    const id = encodeCustomId({ kind: 'section', id: 'preventive-potential' });
    expect(decodeCustomId(id)).toEqual({ kind: 'section', id: 'preventive-potential' });
  });
});

describe('feedback buttons on answers', () => {
  it('go on their own row, answered first pages only, within Discord limits', () => {
    const p = renderAnswer(answer(), { feedback: { answerId: '123456789012345678' } });
    expect(p.components.length).toBeLessThanOrEqual(LIMITS.actionRows);
    for (const row of p.components) expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    expect(votes(p).map((b) => decodeCustomId(b.custom_id))).toEqual([
      { kind: 'vote', vote: 'up', answerId: '123456789012345678', entryId: 'antioxidant' },
      { kind: 'vote', vote: 'down', answerId: '123456789012345678', entryId: 'antioxidant' },
    ]);
    // The suggestions keep their row.
    expect(p.components[0]?.components.some((b) => b.custom_id.startsWith('sel:ask:'))).toBe(true);
  });

  it('are absent on refusals, later pages, and when votes cannot be stored', () => {
    expect(votes(renderAnswer(answer({ answered: false, matchId: null }), { feedback: { answerId: '1' } }))).toEqual(
      [],
    );
    const long = answer({ text: 'The article says selenium matters for immunity. '.repeat(120) });
    expect(votes(renderAnswer(long, { page: 0, feedback: { answerId: '1' } }))).toHaveLength(2);
    const second = renderAnswer(long, { page: 1, feedback: { answerId: '1' } });
    expect(second.content).toContain('part 2 of');
    expect(votes(second)).toEqual([]);
    expect(votes(renderAnswer(answer()))).toEqual([]);
  });
});

describe('link cards', () => {
  const loaded = loadKnowledge(KNOWLEDGE);
  if (!loaded.ok) throw new Error('knowledge/ does not load');
  const kb = loaded.kb;
  const related = { ...kb.related[0], url: 'https://example.org/vitamin-c/' } as (typeof kb.related)[number];
  const links = knownLinks({ ...kb, related: [related, ...kb.related.slice(1)] });

  it('match host and path, ignoring www, case of the host, query, fragment, a trailing slash and punctuation', () => {
    const article = new URL(kb.article.url);
    const variants = [
      kb.article.url,
      `https://${article.hostname.replace(/^www\./, '')}${article.pathname}`,
      `http://${article.hostname.toUpperCase()}${article.pathname.replace(/\/$/, '')}?utm_source=x#top`,
      `<${kb.article.url}>`,
      `(${kb.article.url}).`,
    ];
    for (const v of variants) expect(findKnownLink(`look: ${v} nice`, links)?.kind).toBe('article');
    expect(findKnownLink('see https://example.org/vitamin-c', links)?.title).toBe(related.title);
  });

  it('ignore other pages and other sites', () => {
    const article = new URL(kb.article.url);
    for (const text of [
      `https://${article.hostname}/another-article/`,
      `https://evil.example${article.pathname}`,
      'no link here',
      `ftp://${article.hostname}${article.pathname}`,
    ]) {
      expect(findKnownLink(text, links)).toBeNull();
    }
    expect(linkKey('not a url')).toBeNull();
  });

  it('render a compact card within limits: title, at most two lines, sections as buttons', () => {
    const article = links.find((l) => l.kind === 'article') as KnownLink;
    const card = renderLinkCard(article);
    expect(card.embeds[0]?.title).toBe(kb.article.title);
    expect((card.embeds[0]?.description ?? '').length).toBeLessThanOrEqual(220);
    expect(card.components.length).toBeLessThanOrEqual(2);
    for (const row of card.components) expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    expect(buttons(card).map((b) => decodeCustomId(b.custom_id))).toEqual(
      kb.article.resolvedSections.slice(0, 10).map((s) => ({ kind: 'section', id: s.id })),
    );
    const many = renderLinkCard({
      ...article,
      sections: Array.from({ length: 30 }, (_, i) => ({ id: `s-${i}`, title: `S${i}` })),
    });
    expect(many.components.length).toBeLessThanOrEqual(LIMITS.actionRows);
  });
});

describe('answer channels', () => {
  it('treat questions as questions and chat as chat', () => {
    for (const q of [
      'does selenium help with flu',
      'How much is too much',
      'selenium and covid?',
      'Is milk a good source',
    ]) {
      expect(looksLikeQuestion(q)).toBe(true);
    }
    for (const chat of ['thanks everyone', 'lol', 'see you tomorrow', 'whatever works for you']) {
      expect(looksLikeQuestion(chat)).toBe(false);
    }
  });
});

describe('question log rows', () => {
  const event = (over: Partial<Parameters<typeof questionRecord>[0]> = {}) => ({
    source: 'mention' as const,
    guildId: '1',
    userId: '2',
    question: '  Does Selenium help, with FLU?! ',
    answer: answer(),
    ...over,
  });

  it('normalise with the engine and keep entry and confidence of answers', () => {
    expect(questionRecord(event())).toMatchObject({
      text: 'Does Selenium help, with FLU?!',
      normalised: 'does selenium help with flu',
      answered: true,
      entryId: 'antioxidant',
      confidence: 0.9,
    });
    expect(
      questionRecord(event({ answer: answer({ answered: false, matchId: 'near', route: 'none' }) })),
    ).toMatchObject({
      answered: false,
      entryId: null,
    });
  });

  it('skip button re-asks and text with nothing to normalise', () => {
    expect(questionRecord(event({ source: 'suggestion' }))).toBeNull();
    expect(questionRecord(event({ source: 'more' }))).toBeNull();
    expect(questionRecord(event({ question: '🙂🙂 !!' }))).toBeNull();
  });
});

describe('/settings view', () => {
  it('explains how to enable the intent only when answer channels need it', () => {
    const withChannel = { ...DEFAULT_SETTINGS, answerChannels: ['123'] };
    expect(renderSettings(withChannel, { messageContentIntent: false }).content).toContain(INTENT_HELP);
    expect(renderSettings(withChannel, { messageContentIntent: true }).content).not.toContain(INTENT_HELP);
    expect(
      renderSettings({ ...DEFAULT_SETTINGS, answerChannels: [] }, { messageContentIntent: false }).content,
    ).not.toContain(INTENT_HELP);
    expect(INTENT_HELP).toContain('MESSAGE_CONTENT_INTENT=true');
  });
});

describe('knowledge reload', () => {
  const silent = createLogger({ level: 'silent' });

  it('keeps the current engine when the new one cannot be built', () => {
    const loaded = loadKnowledge(KNOWLEDGE);
    if (!loaded.ok) throw new Error('knowledge/ does not load');
    const engine = createEngine(loaded.kb);
    const holder = { kb: loaded.kb, engine };
    const result = reloadKnowledge(
      holder,
      KNOWLEDGE,
      (): Engine => {
        throw new Error('boom');
      },
      silent,
    );
    expect(result.ok).toBe(false);
    expect(holder.engine).toBe(engine);
  });

  it('reports every problem with file, path and reason', () => {
    const text = describeReload({
      ok: false,
      errors: Array.from({ length: 12 }, (_, i) => ({
        file: 'entries.json',
        path: `$.entries[${i}].id`,
        reason: 'bad',
      })),
    });
    expect(text).toContain('`entries.json` `$.entries[0].id`: bad');
    expect(text).toContain('2 more');
    expect(text.length).toBeLessThanOrEqual(LIMITS.content);
  });
});

describe('configuration for the curation loop', () => {
  it('defaults: no Message Content intent, 90 days retention, generated hash secret', () => {
    const r = parseConfig({ DISCORD_TOKEN: TOKEN });
    if (!r.ok) throw new Error(r.message);
    expect(r.config).toMatchObject({ messageContentIntent: false, retentionDays: 90 });
    expect(r.config.hashSecret).toBeUndefined();
  });

  it('reads the intent, retention and a secret that never shows when serialised', () => {
    const secret = 'a-very-secret-key-of-32-characters';
    const r = parseConfig({
      DISCORD_TOKEN: TOKEN,
      MESSAGE_CONTENT_INTENT: 'true',
      RETENTION_DAYS: '30',
      SELENE_HASH_SECRET: secret,
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.config).toMatchObject({ messageContentIntent: true, retentionDays: 30 });
    expect(r.config.hashSecret).toBe(secret);
    expect(JSON.stringify(r.config)).not.toContain(secret);
    expect(JSON.stringify({ ...r.config })).not.toContain(secret);
  });

  it('refuses a short secret without echoing it, and bad values naming the variable', () => {
    const short = parseConfig({ DISCORD_TOKEN: TOKEN, SELENE_HASH_SECRET: 'tooshort123' });
    expect(short).toMatchObject({ ok: false });
    if (!short.ok) {
      expect(short.message).toContain('SELENE_HASH_SECRET');
      expect(short.message).not.toContain('tooshort123');
    }
    expect(parseConfig({ DISCORD_TOKEN: TOKEN, MESSAGE_CONTENT_INTENT: 'yes' })).toMatchObject({ ok: false });
    expect(parseConfig({ DISCORD_TOKEN: TOKEN, RETENTION_DAYS: '0' })).toMatchObject({ ok: false });
  });
});
