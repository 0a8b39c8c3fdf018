'use client';
/**
 * The public-form challenge in the browser (decision 0019, src/api/middleware/public-challenge.ts).
 * When the organization asks for it (`publicFormChallenge` on its public profile), the form
 * fetches a challenge as soon as it is shown and solves it in the background with ALTCHA's
 * solver (altcha-lib, Web Crypto SHA-256: a fraction of a second), so a person just fills the
 * form and sends it. Each solved challenge is accepted once: sending takes the ready one and
 * starts on the next.
 *
 * What a person perceives: one short status line (a live region, polite) — "Checking this
 * browser…", then "Ready to send" — and, if it fails (offline, or no Web Crypto on plain http),
 * an error with a "Try again" button. Keyboard and screen-reader usable; nothing to click when
 * it works.
 */
import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';

/** The header the API reads the solved payload from. */
export const CHALLENGE_HEADER = 'x-altcha';

type Status = 'off' | 'solving' | 'ready' | 'failed';

async function solveOne(slug: string, signal: AbortSignal): Promise<string> {
  if (!globalThis.crypto?.subtle) throw new Error('no_web_crypto');
  const res = await fetch(`/api/v1/public/orgs/${encodeURIComponent(slug)}/challenge`, { headers: { accept: 'application/json' }, cache: 'no-store', signal });
  if (!res.ok) throw new Error(`challenge: HTTP ${res.status}`);
  const challenge = (await res.json()) as Challenge;
  const controller = new AbortController();
  signal.addEventListener('abort', () => controller.abort(), { once: true });
  const solution = await solveChallenge({ challenge, deriveKey, controller });
  if (!solution) throw new Error('unsolved');
  return btoa(JSON.stringify({ challenge, solution }));
}

export interface FormChallenge {
  /** Headers to send with the form: the solved payload (waits for it if still solving), or none when not asked. */
  headers(): Promise<Record<string, string>>;
  /** The status line to show near the form's submit button. */
  status: Status;
  retry(): void;
}

/** Solves the organization's challenge ahead of the submit when `enabled`; a no-op otherwise. */
export function useFormChallenge(slug: string, enabled: boolean): FormChallenge {
  const [status, setStatus] = useState<Status>(enabled ? 'solving' : 'off');
  const pending = useRef<Promise<string> | null>(null);
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(() => {
    if (!enabled) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setStatus('solving');
    const p = solveOne(slug, controller.signal);
    pending.current = p;
    p.then(
      () => pending.current === p && setStatus('ready'),
      () => pending.current === p && !controller.signal.aborted && setStatus('failed'),
    );
  }, [slug, enabled]);

  useEffect(() => {
    start();
    return () => abort.current?.abort();
  }, [start]);

  const headers = useCallback(async (): Promise<Record<string, string>> => {
    if (!enabled) return {};
    if (!pending.current) start();
    const current = pending.current!;
    try {
      const payload = await current;
      return { [CHALLENGE_HEADER]: payload };
    } catch {
      // A failed one: one fresh try now; without an answer the server says challenge_required.
      start();
      try {
        return { [CHALLENGE_HEADER]: await pending.current! };
      } catch {
        return {};
      }
    } finally {
      // Used once: the next send gets a new one, solved while the person reads the answer.
      if (pending.current === current) start();
    }
  }, [enabled, start]);

  return { headers, status, retry: start };
}

/** The status line: nothing when the organization does not ask for a challenge. */
export function FormChallengeStatus({ challenge, className = '' }: { challenge: FormChallenge; className?: string }) {
  const t = useTranslations('formChallenge');
  if (challenge.status === 'off') return null;
  return (
    <div className={`flex flex-wrap items-center gap-2 text-sm ${className}`} data-testid="form-challenge">
      <p role="status" aria-live="polite" className={challenge.status === 'failed' ? 'text-red-700' : 'text-slate-600'}>
        {challenge.status === 'solving' ? t('solving') : challenge.status === 'ready' ? t('ready') : t('failed')}
      </p>
      {challenge.status === 'failed' ? (
        <button type="button" onClick={challenge.retry} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600">
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}

/** The sentence for a 403 from the challenge guard (`details.reason`), in the visitor's language; null for any other failure. */
export function useChallengeRefusal(): (result: { ok: false; status: number; error: { details?: unknown } }) => string | null {
  const t = useTranslations('formChallenge');
  return (result) => {
    const reason = (result.error.details as { reason?: unknown } | undefined)?.reason;
    if (result.status !== 403) return null;
    if (reason === 'challenge_required') return t('required');
    if (reason === 'challenge_invalid') return t('invalid');
    return null;
  };
}
