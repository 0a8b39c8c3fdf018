'use client';

import { useState } from 'react';
import { cx } from './class-names';

export type LiveIndicatorState = 'connecting' | 'live' | 'reconnecting';

const dots: Record<LiveIndicatorState, string> = {
  connecting: 'bg-slate-400',
  live: 'bg-emerald-600',
  reconnecting: 'bg-amber-600',
};

const pills: Record<LiveIndicatorState, string> = {
  connecting: 'border-slate-300 bg-white text-slate-700',
  live: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  reconnecting: 'border-amber-300 bg-amber-50 text-amber-900',
};

/**
 * A small "Live" / "Reconnecting…" pill for a page fed by a stream. The pill is plain text (a
 * screen reader finds it where it sits, its longer hint as the description); only a change
 * after the stream was first up is announced — "Reconnecting…", then "Live" again — so
 * loading a page says nothing.
 */
export function LiveIndicator({
  state,
  labels,
  hints,
  className,
}: {
  state: LiveIndicatorState;
  labels: Record<LiveIndicatorState, string>;
  hints: Record<LiveIndicatorState, string>;
  className?: string;
}) {
  const [wasLive, setWasLive] = useState(false);
  const [announced, setAnnounced] = useState('');
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (wasLive) setAnnounced(state === 'live' ? hints.live : hints[state]);
    if (state === 'live') setWasLive(true);
  }
  return (
    <span className={cx('inline-flex items-center', className)} data-testid="live-indicator" data-state={state}>
      <span
        title={hints[state]}
        className={cx('inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap', pills[state])}
      >
        <span aria-hidden="true" className={cx('inline-block size-2 rounded-full', dots[state], state === 'reconnecting' && 'motion-safe:animate-pulse')} />
        {labels[state]}
        <span className="sr-only">. {hints[state]}</span>
      </span>
      <span role="status" className="sr-only">
        {announced}
      </span>
    </span>
  );
}
