'use client';

import Link from 'next/link';
import { createContext, type FocusEvent, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { cx, focusRing } from './class-names';

type ToastTone = 'success' | 'error' | 'info';

/** A link the message offers ("View booking"); the toast then stays while pointed at or focused. */
export interface ToastAction {
  href: string;
  label: string;
}

interface ToastItem {
  id: number;
  tone: ToastTone;
  message: string;
  action?: ToastAction;
}

type Notify = (tone: ToastTone, message: string, action?: ToastAction) => void;

const ToastContext = createContext<Notify | null>(null);

const tones: Record<ToastTone, string> = {
  success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  info: 'border-sky-300 bg-sky-50 text-sky-900',
  error: 'border-red-300 bg-red-50 text-red-900',
};

/** How long a success or info message stays; errors stay until dismissed. */
const VISIBLE_MS = 6000;
/** A message with a link stays longer, and not at all while the pointer or focus is on it. */
const ACTION_VISIBLE_MS = 10_000;

/**
 * Messages about what just happened ("Booking confirmed", "Could not save"). Both live
 * regions exist from the first render, so screen readers announce what appears in them:
 * polite for outcomes, assertive for failures.
 */
export function ToastProvider({ children, dismissLabel }: { children: ReactNode; dismissLabel: string }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const seq = useRef(0);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setItems((list) => list.filter((t) => t.id !== id));
  }, []);
  const schedule = useCallback(
    (item: Pick<ToastItem, 'id' | 'tone' | 'action'>) => {
      if (item.tone === 'error') return;
      clearTimeout(timers.current.get(item.id));
      timers.current.set(
        item.id,
        setTimeout(() => dismiss(item.id), item.action ? ACTION_VISIBLE_MS : VISIBLE_MS),
      );
    },
    [dismiss],
  );
  const hold = (id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  };
  const notify = useCallback<Notify>(
    (tone, message, action) => {
      const id = ++seq.current;
      for (const timer of timers.current.values()) clearTimeout(timer);
      timers.current.clear();
      // One at a time: a new message replaces the last instead of stacking over the page.
      setItems([{ id, tone, message, action }]);
      schedule({ id, tone, action });
    },
    [schedule],
  );

  const render = (list: ToastItem[]) =>
    list.map((t) => (
      <div
        key={t.id}
        className={cx('pointer-events-auto flex w-full items-start gap-3 rounded-md border px-4 py-3 text-sm shadow-lg', tones[t.tone])}
        data-testid="toast"
        {...(t.action
          ? {
              onMouseEnter: () => hold(t.id),
              onMouseLeave: () => schedule(t),
              onFocus: () => hold(t.id),
              onBlur: (e: FocusEvent<HTMLDivElement>) => {
                if (!e.currentTarget.contains(e.relatedTarget)) schedule(t);
              },
            }
          : {})}
      >
        <div className="min-w-0 flex-1">
          <p className="font-medium">{t.message}</p>
          {t.action ? (
            <Link href={t.action.href} onClick={() => dismiss(t.id)} className={cx('mt-1 inline-block font-semibold underline underline-offset-2', focusRing)}>
              {t.action.label}
            </Link>
          ) : null}
        </div>
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

/** `notify(tone, message, action?)`; a no-op outside a ToastProvider. */
export function useToast(): Notify {
  return useContext(ToastContext) ?? noop;
}

const noop: Notify = () => {};
