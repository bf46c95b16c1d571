// The floor the client benchmarks measure against: a bare node:http server that answers every
// request with one fixed job, and a bare node:http JSON request. The in-process benchmark and the
// server in a child process (servers/raw-server.mjs) share them, so both floors are the same code.
import http from 'node:http';
import { JOB } from './job-fixture.mjs';

/** The headers of a bare request: the key and the JSON body, nothing else. */
export const HEADERS = {
  authorization: 'Bearer zf_test_sk_bench',
  'content-type': 'application/json',
};

/** The createJob params every client benchmark sends, as JSON. */
export const BODY = JSON.stringify({
  job_type: 'SendWelcomeEmail',
  payload: { email: 'alice@example.com', name: 'Alice' },
});

/** A keep-alive server answering any request with `JOB` (201 to a POST); not yet listening. */
export function jobServer() {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(req.method === 'POST' ? 201 : 200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(JOB),
        'x-request-id': 'req_bench',
      });
      res.end(JOB);
    });
  });
  server.keepAliveTimeout = 60_000;
  return server;
}

/** One bare request over `agent`; resolves with the parsed JSON answer. */
export function rawRequest(agent, url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    });
    req.end(body);
  });
}
