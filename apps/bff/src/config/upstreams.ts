import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isLoopbackUrl } from './github-urls.ts';

/** One backend behind `/api/<name>/*` (API_UPSTREAMS). */
export interface UpstreamConfig {
  readonly name: string;
  /** Origin and base path requests go to: `/api/<name>/<rest>` → `${target}/<rest>`. */
  readonly target: string;
  readonly methods: readonly string[];
  /** The identity assertion's `aud`. */
  readonly audience: string;
  /** Who may use it, besides being signed in (all empty: every signed-in user). */
  readonly access: {
    readonly orgs: readonly string[];
    readonly teams: readonly { readonly org: string; readonly slug: string }[];
    readonly users: readonly string[];
  };
  /** Open to anyone, signed in or not; then no identity goes along. */
  readonly anonymous: boolean;
  /** Also send the session's GitHub token (X-GitHub-Token): only for backends you trust with it. */
  readonly githubToken: boolean;
  readonly websocket: boolean;
  readonly timeoutMs: number;
  readonly maxRequestBytes: number;
}

/** Built-in `/api/*` routes an upstream may not shadow. */
export const RESERVED_UPSTREAM_NAMES = ['me', 'meta', 'sessions', 'github'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const lower = z.string().transform((s) => s.toLowerCase());

const Entry = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, { message: 'must be lower-case letters, digits and -, like notes' }),
  target: z
    .string()
    .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), { message: 'must be an http(s) URL' })
    .refine((s) => !URL.canParse(s) || (new URL(s).search === '' && new URL(s).hash === ''), {
      message: 'must not have a query or fragment',
    })
    .transform((s) => s.replace(/\/+$/, '')),
  methods: z
    .array(
      z
        .string()
        .transform((m) => m.toUpperCase())
        .pipe(z.enum(METHODS, { message: `must be among ${METHODS.join(', ')}` })),
    )
    .min(1)
    .default(['GET', 'HEAD']),
  audience: z.string().min(1).optional(),
  access: z
    .strictObject({
      orgs: z.array(lower).default([]),
      teams: z.array(lower.pipe(z.string().regex(/^[^/]+\/[^/]+$/, { message: 'must be org/team-slug' }))).default([]),
      users: z.array(lower).default([]),
    })
    .default({ orgs: [], teams: [], users: [] }),
  anonymous: z.boolean().default(false),
  githubToken: z.boolean().default(false),
  websocket: z.boolean().default(false),
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  maxRequestBytes: z
    .number()
    .int()
    .min(0)
    .max(1024 ** 3)
    .default(10 * 1024 * 1024),
  /** Production only: an http target off loopback, on purpose (a private network you trust). */
  allowInsecureHttp: z.boolean().default(false),
});

/**
 * Parses API_UPSTREAMS (JSON) or the file API_UPSTREAMS_FILE names. Every problem is returned,
 * each naming the entry; cross-entry rules (names, insecure targets) are checked here too.
 */
export function parseUpstreams(
  json: string | undefined,
  file: string | undefined,
  production: boolean,
): { upstreams: UpstreamConfig[]; problems: string[] } {
  if (json !== undefined && file !== undefined) {
    return { upstreams: [], problems: ['API_UPSTREAMS and API_UPSTREAMS_FILE are both set: use one'] };
  }
  const source = file === undefined ? 'API_UPSTREAMS' : `API_UPSTREAMS_FILE (${file})`;
  let text = json;
  if (file !== undefined) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      return {
        upstreams: [],
        problems: [`${source} cannot be read: ${err instanceof Error ? err.message : String(err)}`],
      };
    }
  }
  if (text === undefined) return { upstreams: [], problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { upstreams: [], problems: [`${source} is not JSON: give an array of {"name", "target", …} objects`] };
  }
  if (!Array.isArray(raw)) return { upstreams: [], problems: [`${source} must be a JSON array of upstreams`] };
  const problems: string[] = [];
  const upstreams: UpstreamConfig[] = [];
  raw.forEach((item: unknown, i) => {
    const label = `${source}[${i}]${isNamed(item) ? ` "${item.name}"` : ''}`;
    const parsed = Entry.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${label}: ${issue.path.join('.') || 'entry'} ${issue.message}`);
      return;
    }
    const { allowInsecureHttp, audience, access, ...entry } = parsed.data;
    if (RESERVED_UPSTREAM_NAMES.includes(entry.name)) {
      problems.push(`${label}: the name "${entry.name}" is a built-in route (${RESERVED_UPSTREAM_NAMES.join(', ')})`);
    }
    if (upstreams.some((u) => u.name === entry.name)) problems.push(`${label}: the name "${entry.name}" is used twice`);
    if (production && entry.target.startsWith('http:') && !isLoopbackUrl(entry.target) && !allowInsecureHttp) {
      problems.push(
        `${label}: target ${entry.target} is plain http off this machine; use https, or set "allowInsecureHttp": true for a private network you trust`,
      );
    }
    upstreams.push({
      ...entry,
      audience: audience ?? new URL(entry.target).origin,
      access: {
        ...access,
        teams: access.teams.map((t) => ({ org: t.split('/')[0] ?? '', slug: t.split('/')[1] ?? '' })),
      },
    });
  });
  return { upstreams, problems };
}

function isNamed(item: unknown): item is { name: string } {
  return typeof item === 'object' && item !== null && 'name' in item && typeof item.name === 'string';
}
