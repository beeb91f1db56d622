/**
 * One sentence per item of an access change, saying what the person will notice: "User jdoe can
 * now use Slack directly.", "Group Engineering no longer lets its members sign in to LAPTOP-7;
 * direct access and other groups stay." Names go unquoted: a result row quotes a cell as a whole.
 */
import type { ChangeOp, ItemResult } from './item-changes.js';

export interface AccessWords {
  /** The application or device as named in a sentence. */
  resource: string;
  /** What access lets a person do: "use Slack", "sign in to LAPTOP-7". */
  can: string;
}

type Status = ItemResult<unknown>['status'];

const SENTENCES: Record<
  'user' | 'user_group',
  Record<Status, (w: AccessWords, who: string) => string>
> = {
  user: {
    added: (w, who) => `User ${who} can now ${w.can} directly.`,
    removed: (w, who) =>
      `User ${who} can no longer ${w.can} directly; access through a group stays.`,
    already: (w, who) => `User ${who} could already ${w.can} directly; nothing changed.`,
    absent: (w, who) =>
      `User ${who} had no direct access to ${w.resource} to remove; nothing changed.`,
    failed: (w, who) => `user ${who} direct access to ${w.resource}`,
    not_sent: (w, who) => `user ${who} direct access to ${w.resource}`,
  },
  user_group: {
    added: (w, who) => `Members of group ${who} can now ${w.can}.`,
    removed: (w, who) =>
      `Group ${who} no longer lets its members ${w.can}; direct access and other groups stay.`,
    already: (w, who) => `Group ${who} already let its members ${w.can}; nothing changed.`,
    absent: (w, who) => `Group ${who} gave no access to ${w.resource} to remove; nothing changed.`,
    failed: (w, who) => `group ${who} access to ${w.resource}`,
    not_sent: (w, who) => `group ${who} access to ${w.resource}`,
  },
};

export function accessSentence({
  words,
  member,
  name,
  op,
  status,
  reason,
}: {
  words: AccessWords;
  member: 'user' | 'user_group';
  /** The member's name, or its id when it has none. */
  name: string;
  op: ChangeOp;
  status: Status;
  reason?: string;
}): string {
  const said = SENTENCES[member][status](words, name);
  const change = `${op === 'add' ? 'Granting' : 'Revoking'} ${said}`;
  if (status === 'failed') {
    const why = (reason ?? 'no reason given').trim();
    return `${change} failed: ${/[.!?]$/.test(why) ? why : `${why}.`} It was not retried.`;
  }
  if (status === 'not_sent') return `${change} was not sent: the call was cancelled first.`;
  return said;
}
