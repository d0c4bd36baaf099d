import { defaultSettings } from '../store/settings.js';
import type { BotStore } from './context.js';

// The store of a bot that runs without a database (tests, a quick try): it keeps nothing, and every
// server has the default settings. Handlers call the store the same way either way.

const NOT_SAVED = 'This bot runs without its database, so nothing can be saved.';

export const NO_STORE: BotStore = Object.freeze<BotStore>({
  saves: false,
  recordAnswer: () => {},
  cooldownSeconds: () => undefined,
  isAnswerChannel: () => false,
  privateByDefault: () => false,
  linkCards: () => true,
  recordVote: () => ({ ok: false as const, reason: NOT_SAVED }),
  settings: () => defaultSettings(),
  updateSettings: () => ({ ok: false as const, reason: NOT_SAVED }),
  forgetGuild: () => {},
  purgeExpired: () => {},
});
