/**
 * The proof-of-work challenge the sign-in limiter asks for once an account has had too many
 * failed sign-ins from all over (see rate-limit.ts). A slow-down, not a block: the owner's
 * browser solves it in a second or two and signs in; a guesser pays for every guess. Built on
 * ALTCHA's server library (altcha-lib, self-hosted, no third party involved): SHA-256, the
 * server picks a random counter below `work` and the client must find it, so a solution costs
 * `work / 2` hashes on average and checking it costs one HMAC.
 *
 * A challenge is signed with a key derived from the auth secret (so any instance can check
 * one another issued), bound to the account (a hash of the email) and valid for
 * CHALLENGE_TTL_SECONDS; each solved challenge is accepted once (the limiter records it).
 *
 * Wire format: the 429 answer carries `details.challenge` ({ parameters, signature }); the
 * client retries with header `X-Bookline-Challenge: base64(JSON({ challenge, solution }))`,
 * ALTCHA's payload.
 */
import { createHmac } from 'node:crypto';
import { type Challenge, createChallenge, randomInt, type Solution, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';

export const CHALLENGE_HEADER = 'x-bookline-challenge';
export const CHALLENGE_TTL_SECONDS = 10 * 60;

export interface ChallengeKeys {
  signature: string;
  key: string;
}

/** Two keys derived from the auth secret: one signs challenges, one signs the expected answer. */
export function challengeKeys(secret: string): ChallengeKeys {
  const derive = (purpose: string) => createHmac('sha256', secret).update(`bookline sign-in challenge: ${purpose}`).digest('base64url');
  return { signature: derive('signature'), key: derive('key') };
}

export async function newChallenge(keys: ChallengeKeys, subject: string, work: number): Promise<Challenge> {
  return createChallenge({
    algorithm: 'SHA-256',
    cost: 1,
    counter: randomInt(Math.max(1, work)),
    deriveKey,
    data: { sub: subject },
    expiresAt: new Date(Date.now() + CHALLENGE_TTL_SECONDS * 1000),
    hmacSignatureSecret: keys.signature,
    hmacKeySignatureSecret: keys.key,
  });
}

export type ChallengeCheck = { ok: true; id: string } | { ok: false; reason: 'missing' | 'malformed' | 'invalid' | 'expired' | 'other_account' };

/** Checks a client's payload: well-formed, signed by us, not expired, for this account, solved. */
export async function checkChallenge(keys: ChallengeKeys, subject: string, header: string | undefined): Promise<ChallengeCheck> {
  if (!header) return { ok: false, reason: 'missing' };
  let payload: { challenge?: Challenge; solution?: Solution };
  try {
    payload = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as typeof payload;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { challenge, solution } = payload ?? {};
  if (!challenge?.parameters || typeof challenge.signature !== 'string' || !solution || typeof solution !== 'object') return { ok: false, reason: 'malformed' };
  if (challenge.parameters.algorithm !== 'SHA-256') return { ok: false, reason: 'malformed' };
  try {
    const result = await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret: keys.signature, hmacKeySignatureSecret: keys.key });
    if (result.expired) return { ok: false, reason: 'expired' };
    if (!result.verified) return { ok: false, reason: 'invalid' };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  // The data is covered by the signature: a challenge issued for another account is refused.
  if (challenge.parameters.data?.sub !== subject) return { ok: false, reason: 'other_account' };
  return { ok: true, id: challenge.signature };
}
