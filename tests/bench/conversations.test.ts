import { describe, expect, it } from 'vitest';
import { fillConversations } from '../../bench/child.js';
import {
  type ConversationBenchResult,
  formatConversationSection,
  loadBenchConversations,
} from '../../bench/conversations.js';
import { conversationKey, createConversationStore } from '../../src/conversation/store.js';
import { createEngine } from '../../src/engine/index.js';
import { CONTEXT_TURNS } from '../../src/engine/vocabulary.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from '../e2e/helpers/bot.js';

// The conversation benchmark's own parts: what it fills the memory with, and how it reads its figures.

describe('conversation bench', () => {
  it('fills the store with one live conversation per member, made of real eval conversations', () => {
    const loaded = loadKnowledge(KNOWLEDGE_DIR);
    if (!loaded.ok) throw new Error('knowledge/ does not load');
    const conversations = loadBenchConversations();
    expect(conversations.length).toBeGreaterThanOrEqual(60);
    const store = createConversationStore();
    fillConversations(createEngine(loaded.kb), store, conversations, 300);
    expect(store.size).toBe(300);
    const key = conversationKey(String(1_200_000_000_000_000_000n + 7n), String(1_100_000_000_000_000_000n + 7n));
    const turns = store.context(key, Date.now());
    expect(turns.map((t) => t.question)).toEqual((conversations[7] ?? []).slice(-CONTEXT_TURNS));
  });

  it('says met only when capacity and p99 with conversations are within 10 % of without', () => {
    const sample = { rss: 100, heapTotal: 50, heapUsed: 30, arrayBuffers: 0 };
    const result = (on: number, p99On: number): ConversationBenchResult => ({
      load: { start: 0.5, end: 0.5, cores: 2 },
      members: 500,
      searches: [],
      capacity: { off: 1000, on },
      p99Rate: 600,
      p99Rounds: { off: [10], on: [p99On] },
      p99: { off: 10, on: p99On },
      cpuRounds: { off: [400], on: [420] },
      cpuPerMention: { off: 400, on: 420 },
      memory: { ready: sample, filled: { ...sample, heapUsed: 60 }, held: 50_000, fillMs: 1, conversations: 50_000 },
      ok: true,
    });
    const good = formatConversationSection(result(950, 10.5));
    expect(good).toContain('| capacity | 0.95 | >= 0.9 | met |');
    expect(good).toContain('| 1.05 | <= 1.1 | met |');
    expect(good).toContain('+100.0%');
    expect(good).toContain('| 1.05 | reported |');
    const bad = formatConversationSection(result(850, 12));
    expect(bad).toContain('| capacity | 0.85 | >= 0.9 | **NOT met** |');
    expect(bad).toContain('| 1.20 | <= 1.1 | **NOT met** |');
  });
});
