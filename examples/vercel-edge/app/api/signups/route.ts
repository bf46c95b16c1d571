import { flare } from '../../../lib/flare';

export const runtime = 'edge';

/** POST /api/signups `{ "email": "…" }` → enqueues a welcome email; 202 with the job id. */
export async function POST(request: Request): Promise<Response> {
  const { email } = (await request.json()) as { email?: unknown };
  if (typeof email !== 'string')
    return Response.json({ error: 'email is required' }, { status: 400 });
  const job = await flare().createJob(
    { job_type: 'SendWelcomeEmail', payload: { email } },
    { idempotencyKey: `welcome-${email}` }, // a retried signup never sends twice
  );
  return Response.json({ job_id: job.id, state: job.state }, { status: 202 });
}
