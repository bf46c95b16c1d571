// A bare node:http server answering every request with one fixed job, in its own process, so a
// transport benchmark measures the client side only. Sends its URL over IPC once listening.
import http from 'node:http';
import { JOB } from '../job-fixture.mjs';

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
server.listen(0, '127.0.0.1', () => process.send(`http://127.0.0.1:${server.address().port}`));
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
