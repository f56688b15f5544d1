/** A free TCP port on an address of this machine (127.0.0.1 by default), for the sandbox and the tests. */
import { createServer } from 'node:net';

export const freePort = (host = '127.0.0.1') =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
