// The SQLite store behind the shared backend interface. better-sqlite3 is synchronous and fast (sub-ms
// writes), so every call completes before its promise is returned; nothing is queued.
import type { StoreBackend } from './backend.js';
import { openStore, type Store, type StoreOptions } from './store.js';

export const sqliteBackend = (store: Store): StoreBackend => ({
  kind: 'sqlite',
  location: store.path,
  recordVote: async (input) => store.recordVote(input),
  getVote: async (key) => store.getVote(key),
  feedbackSummary: async (opts) => store.feedbackSummary(opts),
  recordQuestion: async (input) => store.recordQuestion(input),
  logQuestion: (input) => {
    store.recordQuestion(input);
  },
  report: async (opts) => store.report(opts),
  getSettings: (guildId) => store.getSettings(guildId),
  updateSettings: async (guildId, patch) => store.updateSettings(guildId, patch),
  deleteGuild: async (guildId) => store.deleteGuild(guildId),
  exportGuild: async (guildId) => store.exportGuild(guildId),
  purgeGuild: async (guildId) => store.purgeGuild(guildId),
  purgeExpired: async (now) => store.purgeExpired(now),
  health: () => store.health(),
  queueStats: () => ({ queued: 0, dropped: 0 }),
  close: async () => store.close(),
});

export const openSqliteBackend = (options: StoreOptions): StoreBackend => sqliteBackend(openStore(options));
