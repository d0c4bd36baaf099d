import type { GuildSettings } from '../../store/index.js';
import { payload, type ReplyPayload } from './payload.js';

export const onOff = (b: boolean): string => (b ? 'on' : 'off');

/** What an admin must do when answer channels cannot work: the bot runs without the Message Content intent. */
export const INTENT_HELP =
  '⚠️ Answer channels need the **Message Content** intent, which this bot runs without, so I cannot read messages ' +
  "there yet. To enable it: Discord Developer Portal → your application → **Bot** → **Privileged Gateway Intents** → turn on **Message Content Intent**, then set `MESSAGE_CONTENT_INTENT=true` in Selene's environment and restart it.";

/** /settings: the server's settings as an admin reads them, with the note of what just changed. */
export function renderSettings(
  settings: GuildSettings,
  options: { messageContentIntent: boolean; note?: string },
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
  ];
  if (settings.answerChannels.length && !options.messageContentIntent) lines.push('', INTENT_HELP);
  lines.push('-# Change with /settings add-channel, remove-channel, private, cooldown or link-cards.');
  return payload(lines.join('\n'));
}
