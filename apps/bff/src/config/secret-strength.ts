export const MIN_SECRET_LENGTH = 32;
const MIN_DISTINCT_CHARACTERS = 10;
/** Words people type when asked for a secret; a key made mostly of them is guessable. */
const GUESSABLE_WORDS = [
  'password',
  'secret',
  'changeme',
  'change',
  'default',
  'example',
  'keyboard',
  'session',
  'cookie',
  'admin',
  'qwerty',
  'letmein',
  'test',
  'dev',
  'key',
  'cat',
  'me',
  'the',
];

/**
 * Why a SESSION_SECRET key is too weak to seal sessions and sign cookies, or undefined when it is
 * fine. Security: length alone is not strength (`"a" × 32` and `"changeme" × 4` are 32
 * characters); the checks below refuse what a person types or repeats, and never what a random
 * generator gives (`openssl rand -base64 32` passes every time: see secret-strength.test.ts).
 */
export function describeWeakSecret(secret: string): string | undefined {
  if (secret.length < MIN_SECRET_LENGTH) return `is shorter than ${MIN_SECRET_LENGTH} characters`;
  const distinct = new Set(secret).size;
  if (distinct < MIN_DISTINCT_CHARACTERS) return `uses only ${distinct} different characters`;
  if (isRepetition(secret)) return 'is a repeated pattern';
  if (isMostlySequential(secret)) return 'is mostly a run or sequence of characters (abcd…, 1234…)';
  if (withoutGuessableWords(secret).length < MIN_SECRET_LENGTH / 2) return 'is made of common words';
  return undefined;
}

/** `abcabcabc`: the string is a shorter string repeated. */
function isRepetition(s: string): boolean {
  return (s + s).indexOf(s, 1) < s.length;
}

/** More than half of the neighbouring characters are equal or one apart (`aaaa`, `abcd`, `9876`). */
function isMostlySequential(s: string): boolean {
  let steps = 0;
  for (let i = 1; i < s.length; i++) {
    if (Math.abs(s.charCodeAt(i) - s.charCodeAt(i - 1)) <= 1) steps++;
  }
  return steps * 2 > s.length - 1;
}

function withoutGuessableWords(s: string): string {
  let rest = s.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const word of GUESSABLE_WORDS) rest = rest.replaceAll(word, '');
  return rest.replace(/^\d{0,12}|\d{0,12}$/g, '');
}
