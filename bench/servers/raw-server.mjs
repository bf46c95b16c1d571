// A bare node:http server answering every request with one fixed job, in its own process, so a
// transport benchmark measures the client side only. Sends its URL over IPC once listening.
import { jobServer } from '../raw-http.mjs';

const server = jobServer();
server.listen(0, '127.0.0.1', () => process.send(`http://127.0.0.1:${server.address().port}`));
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
