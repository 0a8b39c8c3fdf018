/** Time is injected (`ctx.now`) so tests control it; this is the only real clock. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function fixedClock(at: Date | string): Clock {
  const time = new Date(at).getTime();
  return () => new Date(time);
}
