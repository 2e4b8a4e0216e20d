/** Milliseconds since the epoch; injected so tests can move time forward without waiting. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
