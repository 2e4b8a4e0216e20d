/**
 * Fakes only Date (Date.now, new Date), leaving timers and I/O real, so a test can move the clock of
 * code that reads Date.now() (rate-limiter-flexible's windows) while real servers keep running.
 * Call jest.useRealTimers() afterwards.
 */
export function fakeDateOnly(now: number): void {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback',
      'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout',
    ],
  });
}
