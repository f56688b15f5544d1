/**
 * The API aggregation layer, as a real cluster has it: the kube-apiserver proxies metrics.k8s.io (and
 * KEDA's external.metrics.k8s.io) to servers that run outside it, here on the host, authenticating itself
 * with a front-proxy client certificate that the extension servers trust through the
 * extension-apiserver-authentication ConfigMap.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class AggregationError extends Error {}

function openssl(args: readonly string[]): void {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new AggregationError(`openssl ${args[0]} failed: ${r.stderr || r.error?.message}`);
}

/** A self-signed CA at `<path>.crt` and `<path>.key`, for a day: a sandbox lives a test run or a session. */
function certificateAuthority(path: string, cn: string): void {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${cn}`, '-keyout', `${path}.key`, '-out', `${path}.crt`]);
}

/** A key and a certificate at `<path>.key` and `<path>.crt`, signed by the CA at `ca`, with the given extensions. */
function signedPair(path: string, ca: string, cn: string, extensions: string): void {
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', `${path}.key`, '-out', `${path}.csr`]);
  writeFileSync(`${path}.ext`, extensions);
  openssl(['x509', '-req', '-in', `${path}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '1', '-extfile', `${path}.ext`, '-out', `${path}.crt`]);
}

/**
 * A front-proxy CA and the client certificate the API server presents to extension servers, in
 * `dir`; returns the kube-apiserver flags that use them. The certificates last a day: a sandbox lives
 * for a test run or a working session.
 */
export function frontProxyFlags(dir: string): string[] {
  const ca = join(dir, 'front-proxy-ca');
  const client = join(dir, 'front-proxy-client');
  certificateAuthority(ca, 'front-proxy-ca');
  signedPair(client, ca, 'front-proxy-client', 'extendedKeyUsage = clientAuth\n');
  return [
    `--requestheader-client-ca-file=${ca}.crt`,
    '--requestheader-allowed-names=front-proxy-client',
    '--requestheader-username-headers=X-Remote-User',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    `--proxy-client-cert-file=${client}.crt`,
    `--proxy-client-key-file=${client}.key`,
    // The API server reaches an extension server at its endpoint's address: the host runs no kube-proxy.
    '--enable-aggregator-routing=true',
  ];
}

/**
 * The certificates KEDA's operator and metrics API server share for their gRPC link (mutual TLS): a CA,
 * and one pair for both ends, valid for the operator's Service name, which the metrics server gives as
 * the gRPC authority. In a cluster the operator makes them itself and restarts to mount them.
 */
export function kedaCertificates(dir: string, serviceName: string): void {
  certificateAuthority(join(dir, 'ca'), 'keda-ca');
  signedPair(join(dir, 'tls'), join(dir, 'ca'), serviceName, `subjectAltName = DNS:${serviceName}\nextendedKeyUsage = serverAuth, clientAuth\n`);
}

/**
 * An APIService for `group/version`, served by a process on the host at `ip:port`: a Service without a
 * selector and its Endpoints, which the aggregator routes to directly.
 */
export function apiServiceManifest(o: { name: string; group: string; version: string; ip: string; port: number }): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${o.name}
  namespace: kube-system
spec:
  ports:
    - name: https
      port: 443
      targetPort: ${o.port}
---
apiVersion: v1
kind: Endpoints
metadata:
  name: ${o.name}
  namespace: kube-system
subsets:
  - addresses:
      - ip: ${o.ip}
    ports:
      - name: https
        port: ${o.port}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: ${o.version}.${o.group}
spec:
  group: ${o.group}
  version: ${o.version}
  service:
    name: ${o.name}
    namespace: kube-system
    port: 443
  # The server's certificate is self-signed, as metrics-server's and KEDA's own charts default to.
  insecureSkipTLSVerify: true
  groupPriorityMinimum: 100
  versionPriority: 100
`;
}
