/**
 * Password sign-in from the browser, shared by the sign-in and sign-up forms. When an account
 * has had too many failed sign-ins from elsewhere, the API asks a new address for proof of
 * work (429 with `details.challenge`, see src/api/middleware/sign-in-challenge.ts) instead of
 * locking the owner out: this solves it here with ALTCHA's solver (Web Crypto SHA-256, a
 * second or two) and sends the attempt once more with the answer.
 */
import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import { type ApiResult, callAuth } from '@/app/_lib/api';

export interface SignInResponse {
  twoFactorRedirect?: boolean;
}

const SIGN_IN = '/api/auth/sign-in/email';
const CHALLENGE_HEADER = 'X-Bookline-Challenge';

function challengeOf(details: unknown): Challenge | null {
  const d = details as { reason?: unknown; challenge?: Challenge } | null | undefined;
  return d?.reason === 'challenge_required' && d.challenge?.parameters && typeof d.challenge.signature === 'string' ? d.challenge : null;
}

export interface SignInHooks {
  /** Called when the browser starts on a challenge, so the form can say why it takes a moment. */
  onSolving?: () => void;
  /** The message for a browser that cannot solve one (no Web Crypto outside https or localhost). */
  cannotSolveMessage: string;
}

export async function signInWithPassword(email: string, password: string, hooks: SignInHooks): Promise<ApiResult<SignInResponse>> {
  const first = await callAuth<SignInResponse>(SIGN_IN, { email, password });
  if (first.ok || first.status !== 429) return first;
  const challenge = challengeOf(first.error.details);
  if (!challenge) return first;
  if (!globalThis.crypto?.subtle) return { ...first, error: { ...first.error, message: hooks.cannotSolveMessage } };
  hooks.onSolving?.();
  const solution = await solveChallenge({ challenge, deriveKey }).catch(() => null);
  if (!solution) return first;
  const payload = btoa(JSON.stringify({ challenge, solution }));
  return callAuth<SignInResponse>(SIGN_IN, { email, password }, { headers: { [CHALLENGE_HEADER]: payload } });
}
