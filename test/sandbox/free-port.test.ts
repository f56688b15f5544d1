/** freePort: below the kernel's ephemeral range, where no client socket takes it, and never handed out twice. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort } from '../../sandbox/free-port.js';

describe('freePort', () => {
  it('hands out distinct ports below the ephemeral range, each one bindable', async () => {
    const firstEphemeral = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    const ports = await Promise.all(Array.from({ length: 50 }, () => freePort()));
    expect(new Set(ports).size).toBe(50);
    expect(ports.filter((p) => p < 10000 || p >= firstEphemeral)).toEqual([]);
    const srv = createServer();
    await new Promise<void>((resolve, reject) => srv.once('error', reject).listen(ports[0], '127.0.0.1', resolve));
    await new Promise((resolve) => srv.close(resolve));
  });
});
