import type { GuildSettings } from '../../store/index.js';
import { payload, type ReplyPayload } from './payload.js';

export const onOff = (b: boolean): string => (b ? 'on' : 'off');

/** What an admin must do when answer channels cannot work: the bot runs without the Message Content intent. */
export const INTENT_HELP =
  '⚠️ Answer channels need the **Message Content** intent, which this bot runs without, so I cannot read messages ' +
  "there yet. To enable it: Discord Developer Portal → your application → **Bot** → **Privileged Gateway Intents** → turn on **Message Content Intent**, then set `MESSAGE_CONTENT_INTENT=true` in Selene's environment and restart it.";

const THREAD_PERMISSION_NAMES = '**Create Public Threads** and **Send Messages in Threads**';

/** Turning threads on in a channel where Selene lacks what they need. */
export const THREADS_MISSING_HERE = `⚠️ I lack ${THREAD_PERMISSION_NAMES} in this channel, so I will answer here with plain replies until my role has them.`;

/** Threads are on, but some channels lacked the permissions (thread-gaps.ts): what the admin should do. */
const threadsMissing = (channels: readonly string[]): string =>
  `⚠️ Threads are on, but I lack ${THREAD_PERMISSION_NAMES} in ${channels.map((id) => `<#${id}>`).join(', ')}, so I answered there with plain replies. Give my role those permissions (in the server or those channels).`;

/** How members ask follow-ups in Selene's threads, which depends on the Message Content intent. */
const threadFollowUps = (intent: boolean): string =>
  intent ? 'follow-ups there need no mention' : 'members mention me for follow-ups there';

/**
 * /settings: the server's settings as an admin reads them, with the note of what just changed.
 * `threadGaps` are the channels where threads could not be used lately.
 */
export function renderSettings(
  settings: GuildSettings,
  options: { messageContentIntent: boolean; note?: string; threadGaps?: readonly string[] },
): ReplyPayload {
  const channels = settings.answerChannels.length
    ? settings.answerChannels.map((id) => `<#${id}>`).join(', ')
    : 'none (members mention me or use /ask)';
  const lines = [
    ...(options.note ? [options.note, ''] : []),
    "**Selene's settings for this server**",
    `• Answer channels (no mention needed): ${channels}`,
    `• Private answers by default: ${onOff(settings.privateByDefault)}`,
    `• Cooldown: ${settings.cooldownSeconds === null ? "the bot's default" : `${settings.cooldownSeconds} s`} between questions per member`,
    `• Link cards in answer channels: ${onOff(settings.linkCards)}`,
    `• Answers in threads: ${settings.threads ? `on (${threadFollowUps(options.messageContentIntent)})` : 'off'}`,
  ];
  if (settings.answerChannels.length && !options.messageContentIntent) lines.push('', INTENT_HELP);
  const gaps = options.threadGaps ?? [];
  if (settings.threads && gaps.length) lines.push('', threadsMissing(gaps));
  lines.push('-# Change with /settings add-channel, remove-channel, private, cooldown, link-cards or threads.');
  return payload(lines.join('\n'));
}
