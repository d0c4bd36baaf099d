import { type Client, Events } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMentions } from '../../bench/load.js';
import { createClient } from '../../src/discord/client.js';
import { type FakeDiscord, startFakeDiscord } from '../e2e/fake-discord/index.js';

// The open-loop driver against a fake Discord whose bot is logged in but never answers, as when a bot's
// flood guard sheds every message. What the bot says it shed must not count against the bench's own
// in-flight cap, nor keep the drain waiting for answers that will never come.
describe('runMentions with messages the bot shed on purpose', () => {
  let fake: FakeDiscord;
  let client: Client;
  beforeAll(async () => {
    fake = await startFakeDiscord({ recordFrames: false, guilds: [{ channels: [{ name: 'a' }] }] });
    client = createClient({ apiUrl: fake.apiUrl });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(fake.token);
    await ready;
  });
  afterAll(async () => {
    await client.destroy();
    await fake.close();
  });

  const options = { seconds: 0.3, rate: 100, maxInFlight: 5, drainMs: 2_000 };

  it('without word from the bot, sheds past its cap and waits out the drain', async () => {
    const started = performance.now();
    const run = await runMentions(fake, ['what is selenium?'], options);
    expect(run.sent).toBe(5);
    expect(run.shed).toBeGreaterThan(10);
    expect(run.unanswered).toBe(5);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2_000);
  });

  it('with the bot counting them as shed, keeps offering and ends the drain at once', async () => {
    let offerEnded = false;
    const started = performance.now();
    const run = await runMentions(fake, ['what is selenium?'], {
      ...options,
      knownUnanswered: () => Number.MAX_SAFE_INTEGER,
      onOfferEnd: () => {
        offerEnded = true;
      },
    });
    expect(offerEnded).toBe(true);
    expect(run.shed).toBe(0);
    expect(run.sent).toBeGreaterThan(10);
    expect(run.unanswered).toBe(run.sent);
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
