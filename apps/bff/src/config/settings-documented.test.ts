import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VARIABLES } from './env-schema.ts';

const root = new URL('../../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const envExample = readFileSync(new URL('.env.example', root), 'utf8');
/** The README's settings table: from "## Settings" to the next section. */
const settingsTable = readme.slice(
  readme.indexOf('## Settings'),
  readme.indexOf('\n## ', readme.indexOf('## Settings') + 1),
);

describe('every setting the BFF reads is documented', () => {
  it.each(Object.keys(VARIABLES))('%s is in the README settings table and in .env.example', (name) => {
    // `GITHUB_ALLOWED_ORGS`, `_TEAMS`, `_USERS` is one row for three.
    const short = name.replace(/^GITHUB_ALLOWED_(TEAMS|USERS)$/, '_$1');
    expect(settingsTable).toMatch(new RegExp(`\`${short}\``));
    expect(envExample).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});
