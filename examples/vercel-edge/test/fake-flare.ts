import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A minimal Flare on 127.0.0.1: `POST /v1/jobs` answers 201 with the created job. */
export async function startFakeFlare() {
  const requests: { path: string; headers: http.IncomingHttpHeaders; body: unknown }[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const body = text ? JSON.parse(text) : undefined;
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      const now = new Date().toISOString();
      const job = {
        id: 'job_01JDWELCOME0000000000000000',
        object: 'job',
        state: 'pending',
        ...body,
      };
      res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'req_1' });
      res.end(JSON.stringify({ ...job, created_at: now, updated_at: now }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A webhook as Flare sends it: the raw body and its `zeridion-signature` header. */
export function signedEvent(secret: string, type = 'job.succeeded') {
  const body = JSON.stringify({
    id: 'evt_01JDEVENT00000000000000000',
    object: 'event',
    type,
    created_at: new Date().toISOString(),
    data: { job: { id: 'job_01JDWELCOME0000000000000000', object: 'job', state: 'succeeded' } },
  });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return { body, header: `t=${t},v1=${v1}` };
}
