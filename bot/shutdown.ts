import type { Server } from 'restify';

export type ShutdownOutcome = 'drained' | 'timed-out';

/**
 * Graceful stop: no new connections, idle keep-alive connections closed, in-flight requests (bot
 * turns) allowed to finish for up to `timeoutMs`, then whatever is left is cut.
 */
export async function shutDownGracefully(server: Server, timeoutMs = 10_000): Promise<ShutdownOutcome> {
  const http = server.server;
  let timer: NodeJS.Timeout | undefined;
  const closed = new Promise<ShutdownOutcome>((resolve) => {
    http.close(() => resolve('drained'));
  });
  // Keep-alive connections with no request in flight would otherwise hold close() open.
  http.closeIdleConnections();
  // Connections that finish their request later are closed as they become idle.
  const sweep = setInterval(() => http.closeIdleConnections(), 100);
  const timedOut = new Promise<ShutdownOutcome>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  const outcome = await Promise.race([closed, timedOut]);
  clearTimeout(timer);
  clearInterval(sweep);
  if (outcome === 'timed-out') http.closeAllConnections();
  return outcome;
}
