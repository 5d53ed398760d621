/**
 * What every contender's server is told by the bench: its port, the exact JSON the product's
 * `GET /api/me` answers for the signed-in user (so every contender serialises the same body),
 * and a secret.
 */
export interface ServerEnv {
  readonly port: number;
  readonly me: MeBody;
  readonly secret: string;
}

export interface MeBody {
  readonly id: number;
  readonly login: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly avatarUrl: string;
  readonly session: { readonly createdAt: string; readonly expiresAt: string };
}

export function readServerEnv(): ServerEnv {
  const { PORT, ME_JSON, BENCH_SECRET } = process.env;
  if (!PORT || !ME_JSON || !BENCH_SECRET) throw new Error('PORT, ME_JSON and BENCH_SECRET are required');
  return { port: Number(PORT), me: JSON.parse(ME_JSON) as MeBody, secret: BENCH_SECRET };
}
