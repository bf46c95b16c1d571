import { flare } from '../../../lib/flare';
import { readEmail, welcomeKey } from '../../../lib/signup';

export const runtime = 'edge';

/** POST /api/signups `{ "email": "…" }` → enqueues a welcome email; 202 with the job id. */
export async function POST(request: Request): Promise<Response> {
  const email = await readEmail(request);
  if (!email)
    return Response.json({ error: 'a JSON body { "email": "…" } is required' }, { status: 400 });
  const job = await flare().createJob(
    { job_type: 'SendWelcomeEmail', payload: { email } },
    { idempotencyKey: await welcomeKey(email) }, // a retried signup never sends twice
  );
  return Response.json({ job_id: job.id, state: job.state }, { status: 202 });
}
