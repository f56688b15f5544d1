/**
 * A free TCP port on an address of this machine (127.0.0.1 by default), for the sandbox and the tests.
 *
 * Chosen below the kernel's ephemeral range (net.ipv4.ip_local_port_range), where no outgoing connection
 * takes its source port. A port from listen(0) lies inside that range: between this check and the
 * server's own bind, any client socket could take it (a run saw kube-apiserver fail with "bind: address
 * already in use" so). Each port is handed out once per process, so parallel callers never share one.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const LOWEST = 10000;

/** The highest port below the ephemeral range (32767 on Linux's default 32768–60999). */
function highest(): number {
  try {
    const first = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(first) && first > LOWEST + 1000) return first - 1;
  } catch {
    // Not Linux: the IANA ephemeral range starts at 49152.
  }
  return 32767;
}

const handedOut = new Set<number>();

const bindable = (port: number, host: string) =>
  new Promise<boolean>((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });

export async function freePort(host = '127.0.0.1'): Promise<number> {
  const top = highest();
  for (let attempt = 0; attempt < 500; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (top - LOWEST + 1));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await bindable(port, host)) return port;
  }
  throw new Error(`no free TCP port in ${LOWEST}-${top} on ${host}`);
}
