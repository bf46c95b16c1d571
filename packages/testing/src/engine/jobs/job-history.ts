/** What happened to a job, as its timeline on the dashboard shows it. */
export type JobEventKind =
  | 'created'
  | 'due'
  | 'claimed'
  | 'heartbeat'
  | 'attempt_failed'
  | 'failed'
  | 'lease_expired'
  | 'released'
  | 'retried'
  | 'succeeded'
  | 'cancelled';

/** One entry of a job's history. Only the fields the kind needs are set. */
export interface JobEvent {
  at: string;
  kind: JobEventKind;
  /** `claimed` and what follows it: who held the job (`null` when the claim named no worker). */
  worker_id?: string | null;
  lease_id?: string;
  attempt?: number;
  progress?: { percent: number; message: string | null };
  error?: { message: string; type: string | null };
  /** `attempt_failed`, `released`: when the job is eligible again. */
  run_at?: string | null;
  /** `created` by a schedule: the schedule and the tick it fired for. */
  schedule_id?: string;
  tick_at?: string;
}

/**
 * The most entries a job keeps. Heartbeats are the only unbounded source, so when a job is full
 * its oldest heartbeat goes first; the other kinds are dropped oldest first only after that.
 */
export const MAX_JOB_EVENTS = 200;

/** Appends `event`, keeping the history within `MAX_JOB_EVENTS`. */
export function appendEvent(history: JobEvent[], event: JobEvent): void {
  history.push(event);
  if (history.length <= MAX_JOB_EVENTS) return;
  const beat = history.findIndex((e) => e.kind === 'heartbeat');
  history.splice(beat === -1 ? 0 : beat, 1);
}
