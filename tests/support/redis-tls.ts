import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';
import { startRedisNode, type RedisNode } from './redis-node.ts';

const run = promisify(execFile);

/** A redis-server that speaks only TLS, with a certificate from a CA the test made. */
export interface RedisTlsServer {
  /** rediss://localhost:PORT */
  readonly url: string;
  /** The CA that signed the server's certificate (REDIS_TLS_CA_FILE). */
  readonly caFile: string;
  /** Another CA, which signed nothing here: trusting it must fail. */
  readonly otherCaFile: string;
  readonly node: RedisNode;
  close(): Promise<void>;
}

async function makeCa(dir: string, name: string): Promise<{ key: string; cert: string }> {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  await run(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'].concat([
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
    ]),
  );
  return { key, cert };
}

export async function startRedisTls(): Promise<RedisTlsServer> {
  const dir = mkdtempSync(join(tmpdir(), 'bff-redis-tls-'));
  try {
    const ca = await makeCa(dir, 'test-ca');
    const other = await makeCa(dir, 'other-ca');
    const key = join(dir, 'server.key');
    const csr = join(dir, 'server.csr');
    const cert = join(dir, 'server.pem');
    const ext = join(dir, 'server.ext');
    writeFileSync(ext, 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    await run(
      'openssl',
      ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'].concat([
        '-keyout',
        key,
        '-out',
        csr,
        '-subj',
        '/CN=localhost',
      ]),
    );
    await run(
      'openssl',
      ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial'].concat([
        '-out',
        cert,
        '-days',
        '2',
        '-extfile',
        ext,
      ]),
    );
    const port = await freePort();
    const tlsArgs = ['--tls', '--cacert', ca.cert];
    const node = await startRedisNode({
      port: 0,
      dir,
      args: ['--tls-port', String(port), '--tls-cert-file', cert, '--tls-key-file', key].concat([
        '--tls-ca-cert-file',
        ca.cert,
        '--tls-auth-clients',
        'no',
      ]),
      cliArgs: ['-p', String(port), ...tlsArgs],
    });
    return {
      url: `rediss://localhost:${port}`,
      caFile: ca.cert,
      otherCaFile: other.cert,
      node,
      async close() {
        await node.kill();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
