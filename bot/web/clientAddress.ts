import type { Request } from 'restify';

/**
 * The address to rate-limit by. Behind a reverse proxy (Azure App Service, a load
 * balancer) every request arrives from the proxy, so with trustProxy the last
 * X-Forwarded-For hop (the one our own proxy appended, not a client-supplied one) is used.
 */
export function clientAddress(req: Request, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
    const last = hops[hops.length - 1]?.trim();
    if (last) return stripPort(last);
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** Azure App Service appends "ip:port"; IPv6 addresses keep their colons. */
function stripPort(hop: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed?.[1]) return bracketed[1];
  return /^[\d.]+:\d+$/.test(hop) ? hop.slice(0, hop.lastIndexOf(':')) : hop;
}
