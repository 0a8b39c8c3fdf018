/**
 * The public-form challenge from a test (src/api/middleware/public-challenge.ts): fetch one for
 * an organization and solve it the way altcha-lib documents (`solveChallenge` with its SHA-256
 * key derivation), giving the `X-Altcha` header value. One call: `await solvedChallenge(fetchJson, slug)`.
 */
import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';

export const CHALLENGE_HEADER = 'x-altcha';

/** Solves a challenge and encodes the payload as the header carries it. */
export async function solvePayload(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('could not solve the challenge');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

/**
 * Fetches `GET /api/v1/public/orgs/{slug}/challenge` through `get` (the harness's `call`, or
 * the e2e `api`) and solves it: the header value for one public form submission.
 */
export async function solvedChallenge(get: (path: string) => Promise<{ status: number; json: any }>, slug: string): Promise<string> {
  const res = await get(`/api/v1/public/orgs/${slug}/challenge`);
  if (res.status !== 200) throw new Error(`challenge for ${slug}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
  return solvePayload(res.json as Challenge);
}
