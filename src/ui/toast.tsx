'use client';

import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { cx, focusRing } from './class-names';

type ToastTone = 'success' | 'error' | 'info';

interface ToastItem {
  id: number;
  tone: ToastTone;
  message: string;
}

type Notify = (tone: ToastTone, message: string) => void;

const ToastContext = createContext<Notify | null>(null);

const tones: Record<ToastTone, string> = {
  success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  info: 'border-sky-300 bg-sky-50 text-sky-900',
  error: 'border-red-300 bg-red-50 text-red-900',
};

/** How long a success or info message stays; errors stay until dismissed. */
const VISIBLE_MS = 6000;

/**
 * Messages about what just happened ("Booking confirmed", "Could not save"). Both live
 * regions exist from the first render, so screen readers announce what appears in them:
 * polite for outcomes, assertive for failures.
 */
export function ToastProvider({ children, dismissLabel }: { children: ReactNode; dismissLabel: string }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const seq = useRef(0);

  const dismiss = useCallback((id: number) => setItems((list) => list.filter((t) => t.id !== id)), []);
  const notify = useCallback<Notify>(
    (tone, message) => {
      const id = ++seq.current;
      // One at a time: a new message replaces the last instead of stacking over the page.
      setItems([{ id, tone, message }]);
      if (tone !== 'error') setTimeout(() => dismiss(id), VISIBLE_MS);
    },
    [dismiss],
  );

  const render = (list: ToastItem[]) =>
    list.map((t) => (
      <div key={t.id} className={cx('pointer-events-auto flex w-full items-start gap-3 rounded-md border px-4 py-3 text-sm shadow-lg', tones[t.tone])}>
        <p className="min-w-0 flex-1 font-medium">{t.message}</p>
        <button
          type="button"
          onClick={() => dismiss(t.id)}
          className={cx('-my-1 -mr-2 inline-flex size-7 shrink-0 items-center justify-center rounded-md hover:bg-black/5', focusRing)}
        >
          <span className="sr-only">{dismissLabel}</span>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path d="M5.3 5.3a1 1 0 0 1 1.4 0L10 8.6l3.3-3.3a1 1 0 1 1 1.4 1.4L11.4 10l3.3 3.3a1 1 0 0 1-1.4 1.4L10 11.4l-3.3 3.3a1 1 0 0 1-1.4-1.4L8.6 10 5.3 6.7a1 1 0 0 1 0-1.4Z" />
          </svg>
        </button>
      </div>
    ));

  const polite = useMemo(() => items.filter((t) => t.tone !== 'error'), [items]);
  const assertive = useMemo(() => items.filter((t) => t.tone === 'error'), [items]);

  return (
    <ToastContext value={notify}>
      {children}
      <div className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end">
        <div role="status" aria-live="polite" className="flex w-full max-w-sm flex-col gap-2">
          {render(polite)}
        </div>
        <div role="alert" aria-live="assertive" className="flex w-full max-w-sm flex-col gap-2">
          {render(assertive)}
        </div>
      </div>
    </ToastContext>
  );
}

/** `notify(tone, message)`; a no-op outside a ToastProvider. */
export function useToast(): Notify {
  return useContext(ToastContext) ?? noop;
}

const noop: Notify = () => {};
