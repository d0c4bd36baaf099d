import { createExpiringMap } from './expiring-map.js';

// Per-user cooldown. Each shard keeps its own map by design (a member's messages reach one shard per
// guild, and DMs shard 0), so nothing here needs to be shared between processes.

export type CooldownResult =
  | { ok: true }
  /** `notify` is true only for the first refusal in a window, so a spammer gets one notice, not one per message. */
  | { ok: false; retryAfterSeconds: number; notify: boolean };

export interface Cooldowns {
  /** Takes the user's turn if the window has passed; `seconds` overrides the default (per-server settings later). */
  take(userId: string, seconds?: number): CooldownResult;
  readonly size: number;
}

/**
 * Members remembered at most. A flood of distinct members cannot grow the map past it; when it is full the
 * oldest turn is forgotten first, so at worst a member from long ago may ask again a little early.
 */
export const MAX_COOLDOWNS = 50_000;

export function createCooldowns(
  defaultSeconds: number,
  now: () => number = Date.now,
  maxSize = MAX_COOLDOWNS,
): Cooldowns {
  const last = createExpiringMap<{ at: number; warned: boolean }>(maxSize, now);
  return {
    take(userId, seconds = defaultSeconds) {
      const windowMs = seconds * 1000;
      if (windowMs <= 0) return { ok: true };
      const t = now();
      const entry = last.get(userId);
      if (entry && t - entry.at < windowMs) {
        const notify = !entry.warned;
        entry.warned = true;
        return { ok: false, retryAfterSeconds: (windowMs - (t - entry.at)) / 1000, notify };
      }
      last.set(userId, { at: t, warned: false }, t + windowMs);
      return { ok: true };
    },
    get size() {
      return last.size;
    },
  };
}
