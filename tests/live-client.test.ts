/**
 * The browser side of realtime (issue #13) without a browser: the stream connection's states,
 * reconnection and clean-up (with a stand-in for the browser's EventSource and fake timers),
 * the frames' parsing, which dashboard pages refresh, and which days of the booking page an
 * event touches.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, connectEventStream, type LiveState, parseFrame, type StreamEnvironment } from '@/app/_lib/live';
import { asBookingEvent, showsEvent } from '@/app/dashboard/[slug]/live-updates';
import { asSlotChange, daysTouched, nearestAlternatives } from '@/app/[org]/_components/live-slots';
import { asSeats } from '@/app/[org]/_components/events/live-seats';

/** The browser's EventSource as far as the spec goes: readyState, named events, close. */
class StandInEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static all: StandInEventSource[] = [];
  readyState = StandInEventSource.CONNECTING;
  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    super();
    StandInEventSource.all.push(this);
  }
  close() {
    this.readyState = StandInEventSource.CLOSED;
  }
  // What the browser does:
  opened() {
    this.readyState = StandInEventSource.OPEN;
    this.dispatchEvent(new Event('open'));
  }
  dropped() {
    // A lost connection: the browser retries by itself (readyState back to CONNECTING).
    this.readyState = StandInEventSource.CONNECTING;
    this.dispatchEvent(new Event('error'));
  }
  refused() {
    // An error answer (429, 503, a proxy's 502): the browser gives up.
    this.readyState = StandInEventSource.CLOSED;
    this.dispatchEvent(new Event('error'));
  }
  frame(event: string, data: string, id = '') {
    this.dispatchEvent(new MessageEvent(event, { data, lastEventId: id }));
  }
  listenerCount = 0;
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>) {
    this.listenerCount += 1;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>) {
    this.listenerCount -= 1;
    super.removeEventListener(...args);
  }
}

function connect(url = '/api/v1/orgs/acme/events') {
  const network = new EventTarget();
  const states: LiveState[] = [];
  const messages: { event: string; id: string; data: unknown }[] = [];
  let resyncs = 0;
  const env: StreamEnvironment = {
    EventSource: StandInEventSource as unknown as StreamEnvironment['EventSource'],
    network,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const close = connectEventStream(
    url,
    () => ({
      events: ['booking'],
      onMessage: (m) => messages.push(m),
      onResync: () => (resyncs += 1),
      onState: (s) => states.push(s),
    }),
    env,
  );
  const current = () => StandInEventSource.all.at(-1)!;
  return { close, states, messages, network, current, resyncs: () => resyncs };
}

describe('the event stream connection', () => {
  beforeEach(() => {
    StandInEventSource.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens once with the session cookie, goes live, and hands named frames over parsed', () => {
    const c = connect();
    expect(StandInEventSource.all).toHaveLength(1);
    expect(c.current().url).toBe('/api/v1/orgs/acme/events');
    expect(c.current().init).toEqual({ withCredentials: true });
    c.current().opened();
    expect(c.states).toEqual(['live']);
    c.current().frame('booking', '{"seq":42,"topic":"booking.created","bookingId":"bkg_1"}', '42');
    c.current().frame('booking', 'not json');
    c.current().frame('other', '{}'); // not listened for
    expect(c.messages).toEqual([
      { event: 'booking', id: '42', data: { seq: 42, topic: 'booking.created', bookingId: 'bkg_1' } },
      { event: 'booking', id: '', data: 'not json' },
    ]);
    expect(c.resyncs()).toBe(0);
    c.close();
  });

  it('leaves a dropped connection to the browser, says reconnecting, and resyncs once back', () => {
    const c = connect();
    const first = c.current();
    first.opened();
    first.dropped();
    expect(c.states.at(-1)).toBe('reconnecting');
    first.opened(); // the browser's own retry (it sends Last-Event-ID)
    expect(StandInEventSource.all).toHaveLength(1);
    expect(c.states.at(-1)).toBe('live');
    expect(c.resyncs()).toBe(1);
    c.close();
  });

  it('re-opens by itself after an error answer, backing off up to about 10 s', () => {
    const c = connect();
    c.current().opened();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      const before = StandInEventSource.all.length;
      c.current().refused();
      expect(c.current().readyState).toBe(StandInEventSource.CLOSED);
      let waited = 0;
      while (StandInEventSource.all.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
        expect(waited).toBeLessThanOrEqual(12_000);
      }
      delays.push(waited);
    }
    expect(delays[0]).toBeLessThanOrEqual(1300);
    expect(delays[1]).toBeGreaterThan(delays[0]!);
    expect(Math.max(...delays)).toBeLessThanOrEqual(12_000);
    expect(delays.at(-1)).toBeGreaterThanOrEqual(8000);
    expect(c.states.at(-1)).toBe('reconnecting');
    c.current().opened();
    expect(c.states.at(-1)).toBe('live');
    expect(c.resyncs()).toBe(1);
    // After a success the backoff starts again from a second.
    const before = StandInEventSource.all.length;
    c.current().refused();
    vi.advanceTimersByTime(1300);
    expect(StandInEventSource.all.length).toBe(before + 1);
    c.close();
  });

  it('takes over a browser retry that has not got through in 10 s', () => {
    const c = connect();
    c.current().opened();
    c.current().dropped();
    vi.advanceTimersByTime(9_000);
    expect(StandInEventSource.all).toHaveLength(1);
    vi.advanceTimersByTime(1_000 + 1_300);
    expect(StandInEventSource.all).toHaveLength(2);
    expect(StandInEventSource.all[0]!.readyState).toBe(StandInEventSource.CLOSED);
    c.close();
  });

  it('drops the stream when the browser goes offline and re-opens at once when it is back', () => {
    const c = connect();
    const first = c.current();
    first.opened();
    c.network.dispatchEvent(new Event('offline'));
    expect(first.readyState).toBe(StandInEventSource.CLOSED);
    expect(c.states.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(60_000);
    expect(StandInEventSource.all).toHaveLength(1); // nothing tried while offline
    c.network.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(0);
    expect(StandInEventSource.all).toHaveLength(2);
    c.current().opened();
    expect(c.states.at(-1)).toBe('live');
    expect(c.resyncs()).toBe(1);
    c.close();
  });

  it('leaves nothing behind when closed: source closed, listeners and timers gone', () => {
    const c = connect();
    c.current().opened();
    c.current().refused(); // a re-open is scheduled
    c.close();
    vi.advanceTimersByTime(60_000);
    expect(StandInEventSource.all).toHaveLength(1);
    expect(StandInEventSource.all[0]!.listenerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    c.network.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(1000);
    expect(StandInEventSource.all).toHaveLength(1);
  });

  it('refetches on the server\'s reset (a resume beyond its replay buffer)', () => {
    const c = connect();
    c.current().opened();
    c.current().frame('reset', '');
    expect(c.resyncs()).toBe(1);
    expect(c.messages).toEqual([]);
    c.close();
  });

  it('says connecting (not reconnecting) until the first open', () => {
    const c = connect();
    c.current().refused();
    expect(c.states).toEqual(['connecting']);
    c.close();
  });
});

describe('frames', () => {
  it('backs off 1, 2, 4, 8 then 10 s, each within 20 %', () => {
    expect([0, 1, 2, 3, 4, 9].map((n) => backoffDelay(n, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(backoffDelay(9, () => 0)).toBe(8000);
    expect(backoffDelay(9, () => 1)).toBe(12_000);
  });

  it('parses JSON data and keeps anything else as text', () => {
    expect(parseFrame('{"a":1}')).toEqual({ a: 1 });
    expect(parseFrame('oops{')).toBe('oops{');
  });

  it('reads a booking event, keeping only the contract’s fields', () => {
    expect(asBookingEvent({ seq: 1, topic: 'booking.created', bookingId: 'bkg_1', status: 'pending', extra: 'x', source: 7 })).toEqual({
      seq: 1,
      topic: 'booking.created',
      bookingId: 'bkg_1',
      status: 'pending',
      startsAt: undefined,
      endsAt: undefined,
      resourceId: undefined,
      serviceId: undefined,
      source: undefined,
      version: undefined,
    });
    expect(asBookingEvent('text')).toBeNull();
    expect(asBookingEvent({ bookingId: 'bkg_1' })).toBeNull();
  });

  it('reads a slot event and refuses one without valid instants', () => {
    expect(asSlotChange({ seq: 2, change: 'taken', resourceId: 'res_1', startsAt: '2026-03-10T15:00:00Z', endsAt: '2026-03-10T16:00:00Z' })).toEqual({
      change: 'taken',
      resourceId: 'res_1',
      startsAt: '2026-03-10T15:00:00Z',
      endsAt: '2026-03-10T16:00:00Z',
    });
    expect(asSlotChange({ change: 'taken', startsAt: 'soon', endsAt: '2026-03-10T16:00:00Z' })).toBeNull();
  });
});

describe('what an event refreshes', () => {
  const base = '/dashboard/acme';
  const created = { topic: 'booking.created', bookingId: 'bkg_1' };

  it('refreshes the pages that show bookings, a booking’s page only for its own events', () => {
    for (const p of [base, `${base}/bookings`, `${base}/calendar`, `${base}/notifications`]) expect(showsEvent(p, base, created), p).toBe(true);
    expect(showsEvent(`${base}/bookings/bkg_1`, base, created)).toBe(true);
    expect(showsEvent(`${base}/bookings/bkg_2`, base, created)).toBe(false);
    expect(showsEvent(`${base}/bookings/bkg_2`, base, null)).toBe(true); // after a reconnection
    for (const p of [`${base}/settings`, `${base}/catalog`, `${base}/team`, `${base}/bookings/bkg_1/edit`, '/dashboard/other']) expect(showsEvent(p, base, created), p).toBe(false);
  });

  it('finds the days an event touches in the zone shown, the end excluded', () => {
    // 23:30–00:30 in Chicago spans two days there, one in Madrid.
    const late = { startsAt: '2026-03-11T04:30:00Z', endsAt: '2026-03-11T05:30:00Z' };
    expect(daysTouched(late, 'America/Chicago')).toEqual(['2026-03-10', '2026-03-11']);
    expect(daysTouched(late, 'Europe/Madrid')).toEqual(['2026-03-11']);
    // Ending at midnight does not touch the next day.
    expect(daysTouched({ startsAt: '2026-03-10T22:00:00Z', endsAt: '2026-03-11T00:00:00Z' }, 'UTC')).toEqual(['2026-03-10']);
    // A three-night stay.
    expect(daysTouched({ startsAt: '2026-03-10T15:00:00Z', endsAt: '2026-03-13T11:00:00Z' }, 'UTC')).toEqual(['2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13']);
  });

  it('offers the nearest free times, on the chosen resource when it is free then', () => {
    const slot = (h: number, resourceIds = ['res_a', 'res_b']) => ({
      start: `2026-03-10T${String(h).padStart(2, '0')}:00:00Z`,
      end: `2026-03-10T${String(h + 1).padStart(2, '0')}:00:00Z`,
      resourceIds,
      remaining: resourceIds.length,
    });
    const names: Record<string, string> = { res_a: 'Ana', res_b: 'Bo' };
    const alts = nearestAlternatives(slot(12), [slot(8), slot(9), slot(11, ['res_b']), slot(12), slot(13), slot(16), slot(17)], 'res_a', (id) => names[id], 3);
    expect(alts.map((a) => [a.start.slice(11, 16), a.resourceId, a.resourceName])).toEqual([
      ['09:00', 'res_a', 'Ana'],
      ['11:00', 'res_b', 'Bo'],
      ['13:00', 'res_a', 'Ana'],
    ]);
  });
});

describe('seats frames (the public event pages)', () => {
  it('reads a seats frame and a public event answer alike; anything else is ignored', () => {
    const frame = { seq: 7, eventId: 'evt_1', slug: 'magic', remaining: 0, soldOut: true, ticketTypes: [{ variantId: 'var_a', remaining: 0, soldOut: true }] };
    expect(asSeats(frame)).toEqual({ slug: 'magic', seats: { remaining: 0, soldOut: true, types: { var_a: { remaining: 0, soldOut: true } } } });
    // The public API's detail answer has more fields (names, prices): only the figures are taken.
    const answer = { slug: 'magic', title: 'Magic', remaining: 4, soldOut: false, ticketTypes: [{ variantId: 'var_a', name: 'Adult', priceMinor: 100, remaining: 4, soldOut: false }] };
    expect(asSeats(answer)).toEqual({ slug: 'magic', seats: { remaining: 4, soldOut: false, types: { var_a: { remaining: 4, soldOut: false } } } });
    // A list item has no ticket types; a zero remaining is sold out whatever the flag says.
    expect(asSeats({ slug: 'x', remaining: 0, soldOut: false })).toEqual({ slug: 'x', seats: { remaining: 0, soldOut: true, types: {} } });
    expect(asSeats(null)).toBeNull();
    expect(asSeats('text')).toBeNull();
    expect(asSeats({ slug: 'x', remaining: 'many' })).toBeNull();
    expect(asSeats({ remaining: 3 })).toBeNull();
  });
});
