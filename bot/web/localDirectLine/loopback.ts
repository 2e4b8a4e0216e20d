import type { Server } from 'restify';

/** http://<loopback>:<bound port> of this very server, read when a request arrives (the port is known only after listen). */
export function loopbackBaseUrl(server: Server): string {
  const { address, port, family } = server.address();
  const wildcard = address === '' || address === '0.0.0.0' || address === '::';
  if (wildcard) return `http://127.0.0.1:${port}`;
  return family === 'IPv6' || address.includes(':') ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}

/** True for requests from this machine, i.e. from the bot's own CloudAdapter calling back over loopback. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const ipv4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return ipv4.startsWith('127.') || address === '::1';
}

/** True for http(s) addresses of this machine: localhost, 127.0.0.0/8 and [::1]. */
export function isLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
