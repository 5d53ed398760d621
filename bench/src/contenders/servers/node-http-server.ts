import { createServer } from 'node:http';
import { readServerEnv } from './server-env.ts';

/** No framework at all: how many requests the load generator itself can drive on this machine. */
const { port, me } = readServerEnv();
createServer((req, res) => {
  if (req.url !== '/api/me') {
    res.statusCode = 404;
    res.end();
    return;
  }
  const body = JSON.stringify(me);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}).listen(port);
