/** Discord snowflakes: 42 bits of milliseconds since the Discord epoch, then 22 bits of worker/process/increment. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** The shard a guild's events go to, as Discord computes it. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * Makes fresh, strictly increasing snowflakes. One generator per fake so that parallel fakes never share state.
 * The timestamp part tracks the wall clock so `createdTimestamp` of fake objects looks sane in the bot's logs.
 */
export function snowflakeGenerator(): () => string {
  let last = 0n;
  return () => {
    const now = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    last = now > last ? now : last + 1n;
    return last.toString();
  };
}

/**
 * A guild id that Discord would route to `shardId` of `shardCount` (the timestamp bits decide the shard).
 * `n` picks among several distinct ids for the same shard.
 */
export function guildIdForShard(shardId: number, shardCount: number, n = 0): string {
  if (!Number.isInteger(shardId) || shardId < 0 || shardId >= shardCount) {
    throw new RangeError(`shard ${shardId} is not in [0, ${shardCount})`);
  }
  // A fixed, plausible moment (2024) rounded down to a multiple of shardCount, then moved to the wanted residue.
  const base = 1_704_067_200_000n - DISCORD_EPOCH;
  const count = BigInt(shardCount);
  const ms = base - (base % count) + count * BigInt(n) + BigInt(shardId);
  return ((ms << 22n) | BigInt(n & 0xfff)).toString();
}
