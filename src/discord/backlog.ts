import { createExpiringMap } from './expiring-map.js';

// Replies to messages wait in discord.js's REST queue (about 50 requests/s per bot, fewer per channel on real
// Discord). A flood of mentions would queue tens of thousands of replies, growing memory without bound and
// answering everyone minutes late. So the number of replies on their way is capped, per channel and overall;
// past a cap a message is shed (counted), and its channel gets one "too many questions" notice a minute.

export const BACKLOG_DEFAULTS = {
  /** Replies on their way in one channel. Real Discord sends about 5 messages per 5 s to a channel. */
  perChannel: 10,
  /** Replies on their way in all channels of this process: about 2 s of discord.js's 50 requests/s. */
  total: 100,
  /** How often a channel may be told that questions were dropped. */
  noticeEveryMs: 60_000,
  /** Channels remembered as already told (the map is bounded like every per-channel map). */
  noticeChannels: 10_000,
} as const;

export type BacklogOptions = { [K in keyof typeof BACKLOG_DEFAULTS]: number };

export type Admission =
  /** Call release() once the reply has been sent (or failed). */
  | { ok: true; release: () => void }
  /**
   * Shed. With `notice`, the caller sends the channel one "too many questions" notice, then calls release();
   * the notice holds a slot of the total cap, so notices cannot flood either.
   */
  | { ok: false; reason: 'channel' | 'total'; notice: { release: () => void } | null };

export interface Backlog {
  admit(channelId: string): Admission;
  /** Replies on their way now. */
  readonly pending: number;
}

export function createBacklog(
  options: Partial<BacklogOptions> = {},
  now: () => number = Date.now,
  /** Told the number of replies on their way whenever it changes (the /metrics gauge). */
  observe: (pending: number) => void = () => {},
): Backlog {
  const o = { ...BACKLOG_DEFAULTS, ...options };
  const byChannel = new Map<string, number>();
  const told = createExpiringMap<true>(o.noticeChannels, now);
  let total = 0;

  const take = (channelId: string) => {
    observe(++total);
    byChannel.set(channelId, (byChannel.get(channelId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      observe(--total);
      const left = (byChannel.get(channelId) ?? 1) - 1;
      // Channels with nothing pending are forgotten, so the map holds at most `total` channels.
      if (left > 0) byChannel.set(channelId, left);
      else byChannel.delete(channelId);
    };
  };

  return {
    admit(channelId) {
      const inChannel = byChannel.get(channelId) ?? 0;
      if (inChannel < o.perChannel && total < o.total) return { ok: true, release: take(channelId) };
      const reason = total >= o.total ? 'total' : 'channel';
      if (told.get(channelId) || total >= o.total) return { ok: false, reason, notice: null };
      told.set(channelId, true, now() + o.noticeEveryMs);
      return { ok: false, reason, notice: { release: take(channelId) } };
    },
    get pending() {
      return total;
    },
  };
}
