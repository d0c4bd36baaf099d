import { payload, type ReplyPayload } from './payload.js';
import { echo } from './text.js';

// Short fixed replies: refusals, errors, acknowledgements.

export const notices = {
  emptyMention: (): ReplyPayload =>
    payload(
      'Ask me something after the mention, e.g. “@Selene does selenium help the immune system?” — or try `/help`.',
    ),
  cooldown: (seconds: number): ReplyPayload =>
    payload(`Easy there! You can ask again in ${Math.max(1, Math.ceil(seconds))} s.`),
  error: (): ReplyPayload => payload('Something went wrong while answering. Please try again in a moment.'),
  unknownCommand: (name: string): ReplyPayload =>
    payload(`Unknown command \`${echo(name, 50).replace(/`/g, '')}\`. Try /help.`),
  /** `problem` names a declared option and its limit (never the member's value). */
  badOption: (problem: string): ReplyPayload => payload(`That does not fit: ${problem} Please try again.`),
  expiredButton: (): ReplyPayload =>
    payload('This button no longer works (the knowledge changed since). Ask again with /ask or /topics.'),
  emptyTarget: (): ReplyPayload => payload('That message has no text I can read, so there is nothing to ask.'),
  /** A reply to someone's message whose text Discord did not send (no Message Content intent). */
  replyNeedsIntent: (): ReplyPayload =>
    payload(
      'I can’t read the message you replied to (Discord only shows me its text with the Message Content intent): use **Apps → Ask Selene** on that message instead.',
    ),
  replyTargetGone: (): ReplyPayload =>
    payload('The message you replied to is gone, so there is nothing to answer. Ask me your question directly.'),
  onlyAskerCanDelete: (): ReplyPayload => payload('Only the person who asked can remove this answer.'),
  tooBusy: (): ReplyPayload =>
    payload('Too many questions at once here, so I skipped some. Please try again in a minute.'),
  shuttingDown: (): ReplyPayload => payload('Selene is restarting; please ask again in a few seconds.'),
  voteSaved: (vote: 'up' | 'down', previous: 'up' | 'down' | null): ReplyPayload =>
    payload(
      previous === null
        ? `Thanks — noted ${vote === 'up' ? '👍' : '👎'}. Curators use these votes to improve my answers.`
        : previous === vote
          ? `Thanks — noted ${vote === 'up' ? '👍' : '👎'} (you had already voted that way).`
          : `Thanks — changed your vote to ${vote === 'up' ? '👍' : '👎'}.`,
    ),
  voteNotSaved: (): ReplyPayload =>
    payload('Sorry, your vote could not be saved right now. The answer itself is unaffected; please try later.'),
};
