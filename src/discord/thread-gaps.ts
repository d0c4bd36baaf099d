import { createExpiringMap } from './expiring-map.js';

// Where a server's threads setting could not be honoured: channels in which Selene lacked Create Public
// Threads or Send Messages in Threads and answered with a plain reply instead. Kept in memory per bot
// process so /settings view can tell the admin, and so the log says it once per server rather than once per
// question. Bounded: a busy bot in many servers with bad permissions must not grow without end.

export const THREAD_GAP_LIMITS = {
  /** Servers remembered at most; past it, the one noted longest ago is forgotten. */
  guilds: 1_000,
  /** Channels remembered per server; past it, the oldest is forgotten (the admin fixes a role, not 10 channels). */
  channelsPerGuild: 10,
} as const;

export interface ThreadGaps {
  /** Threads could not be used in the channel. True the first time for the server: log it then, once. */
  note(guildId: string, channelId: string): boolean;
  /** Threads worked again in the channel. */
  clear(guildId: string, channelId: string): void;
  /** Channels of the server where threads could not be used, oldest first; empty when none. */
  channels(guildId: string): string[];
  /** The bot left the server. */
  forget(guildId: string): void;
}

export function createThreadGaps(limits: { guilds?: number; channelsPerGuild?: number } = {}): ThreadGaps {
  const maxGuilds = Math.max(1, limits.guilds ?? THREAD_GAP_LIMITS.guilds);
  const maxChannels = Math.max(1, limits.channelsPerGuild ?? THREAD_GAP_LIMITS.channelsPerGuild);
  // A server stays here after its channels are cleared, so that fixing and breaking a channel again does
  // not log again. Nothing expires: past the cap, the server noted (or cleared) longest ago goes first.
  const byGuild = createExpiringMap<string[]>(maxGuilds);
  const forever = Number.POSITIVE_INFINITY;

  return {
    note(guildId, channelId) {
      const known = byGuild.get(guildId);
      const channels = (known ?? []).filter((id) => id !== channelId);
      channels.push(channelId);
      byGuild.set(guildId, channels.slice(-maxChannels), forever);
      return known === undefined;
    },
    clear(guildId, channelId) {
      const known = byGuild.get(guildId);
      if (!known?.includes(channelId)) return;
      byGuild.set(
        guildId,
        known.filter((id) => id !== channelId),
        forever,
      );
    },
    channels: (guildId) => [...(byGuild.get(guildId) ?? [])],
    forget: (guildId) => void byGuild.delete(guildId),
  };
}
