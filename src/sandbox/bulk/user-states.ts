/**
 * User state changes shared by the bulk jobs: the state itself, the event it writes, and the
 * scheduled changes that run once their date has come (checked on every request, so sandbox time
 * behaves like JumpCloud's scheduler).
 */
import { appendEvent } from '../routes/route-helpers.js';
import type { OrgData, ScheduledState, SystemUser } from '../types.js';

export function userResource(user: SystemUser) {
  return { type: 'user', id: user._id, username: user.username, email: user.email };
}

/** Moves a user to ACTIVATED or SUSPENDED; returns the previous state. */
export function setUserState(
  user: SystemUser,
  state: ScheduledState['state'],
): SystemUser['state'] {
  const previous = user.state;
  user.state = state;
  user.suspended = state === 'SUSPENDED';
  if (state === 'ACTIVATED') user.activated = true;
  return previous;
}

function run(org: OrgData, job: ScheduledState): void {
  const user = org.users.find((u) => u._id === job.systemUserId);
  if (!user) return;
  const previous = setUserState(user, job.state);
  if (previous === job.state) return;
  appendEvent(org, {
    eventType:
      job.state === 'SUSPENDED'
        ? 'user_suspended'
        : previous === 'SUSPENDED'
          ? 'user_unsuspended'
          : 'user_activated',
    resource: userResource(user),
    adminEmail: job.adminEmail,
    userAgent: job.userAgent,
    extra: {
      changes: [{ field: 'state', from: previous, to: job.state }],
      scheduled_job_id: job.scheduledJobId,
      ...(job.state === 'ACTIVATED' ? { email_sent: job.sendActivationEmails } : {}),
    },
  });
}

/** Runs, in date order, every scheduled change whose date is not after `now`. */
export function runDueStates(org: OrgData, now: number): void {
  const due = org.scheduledStates
    .filter((job) => Date.parse(job.scheduledDate) <= now)
    .sort((a, b) => a.scheduledDate.localeCompare(b.scheduledDate));
  if (due.length === 0) return;
  org.scheduledStates = org.scheduledStates.filter((job) => !due.includes(job));
  for (const job of due) run(org, job);
}
