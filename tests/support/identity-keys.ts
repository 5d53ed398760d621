import { generateKeyPairSync } from 'node:crypto';

/** A fresh EC P-256 private key in PEM, as `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256` makes. */
export function newIdentityKey(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}
