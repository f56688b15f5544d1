/** production: the numbers of the infrastructure scaling plan. */
import type { UmbrellaOverlay } from '../../suite/suite.js';

export const production = {
  global: {
    environment: 'production',
    // No generated password outside dev: renders are the same every time (GitOps); docs/gitops.md.
    redis: { cacheCluster: true, credentialsSecret: 'concertmaster-redis-credentials' },
    // Plan: the Istio mesh, and tracing from every workload.
    mesh: { enabled: true },
    tracing: { enabled: true },
    // Plan, phase 4: connection pooling.
    // Both regions read the same application credentials: CloudNativePG cannot set a password on a
    // read-only replica cluster, so the Secret comes from your secret manager, in every region.
    postgresql: { pooler: true, credentialsSecret: 'concertmaster-db-credentials' },
    // Plan: backups to s3://concertmaster-backups/postgres/<region>.
    objectStore: { destinationPrefix: 's3://concertmaster-backups/postgres' },
    // Plan: disaster recovery with us-east-1 primary and us-west-2 secondary.
    dr: { enabled: true, regions: ['us-east-1', 'us-west-2'], primaryRegion: 'us-east-1', homeRegion: 'us-east-1' },
  },
  api: {
    config: { LOG_LEVEL: 'info' },
    // Plan: API Deployment resources.
    resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2000m', memory: '4Gi' } },
    // Plan: probe timings on /health.
    readinessProbe: { initialDelaySeconds: 10, periodSeconds: 5 },
    livenessProbe: { initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
    // Plan: HPA 3-20 on CPU 70% and memory 80%, with its scale-up and scale-down behavior.
    autoscaling: {
      enabled: true,
      minReplicas: 3,
      maxReplicas: 20,
      targetCPUUtilizationPercentage: 70,
      targetMemoryUtilizationPercentage: 80,
      // Plan: +50% per 60 s after a 60 s window, which reaches 20 replicas in about 320 s against its own
      // 2-minute scale-out target. A 30 s window still ignores a short spike; +100% per 15 s then gives
      // 3→6→12→20, all Ready in about 80 s (npm run capacity; docs/seed-errata.md, 49).
      scaleUp: { stabilizationWindowSeconds: 30, percent: 100, periodSeconds: 15 },
      scaleDown: { stabilizationWindowSeconds: 300, percent: 10, periodSeconds: 60 },
    },
    // Plan: PodDisruptionBudget minAvailable 2.
    podDisruptionBudget: { enabled: true, minAvailable: 2 },
    // Plan: preferred spreading across zones.
    topologySpread: { enabled: true, whenUnsatisfiable: 'ScheduleAnyway' },
  },
  workers: {
    // Plan: KEDA between 3 and 50 replicas on the queue length (10) and CPU (70%), gentle scale-down.
    autoscaling: { enabled: true, keda: true, listLength: 10, targetCPUUtilizationPercentage: 70 },
    pools: {
      // Plan: celery-workers, concurrency 4, requests 500m/1Gi, limits 2000m/4Gi, 5 replicas.
      default: {
        queue: 'celery',
        concurrency: 4,
        replicas: 5,
        minReplicas: 3,
        maxReplicas: 50,
        resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2000m', memory: '4Gi' } },
      },
      // Plan: celery-workers-high-priority, requests 1000m/2Gi, limits 2000m/4Gi, 3 replicas.
      'high-priority': {
        queue: 'high_priority',
        concurrency: 4,
        replicas: 3,
        minReplicas: 3,
        maxReplicas: 50,
        resources: { requests: { cpu: '1000m', memory: '2Gi' }, limits: { cpu: '2000m', memory: '4Gi' } },
      },
    },
  },
  redis: {
    mode: 'operator',
    // Plan: Redis resources, 20Gi volumes on fast-ssd, maxmemory 768mb, save "900 1 300 10 60 10000".
    resources: { requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '500m', memory: '1Gi' } },
    persistence: { size: '20Gi', storageClass: 'fast-ssd' },
    config: { maxmemory: '768mb', save: '900 1 300 10 60 10000' },
    // Plan: 6 nodes, read as 3 leaders with one follower each; allkeys-lru on the cache.
    cache: {
      leaders: 3,
      followersPerLeader: 1,
      config: { maxmemory: '768mb', maxmemoryPolicy: 'allkeys-lru', save: '900 1 300 10 60 10000' },
      persistence: { size: '20Gi', storageClass: 'fast-ssd' },
    },
  },
  postgres: {
    mode: 'cnpg',
    // Plan: 3 instances, its 8 PostgreSQL parameters. archive_timeout 30s: a segment archived every 60 s
    // plus its upload would lag the replica region by more than the plan's RPO of one minute (errata 34).
    instances: 3,
    parameters: {
      max_connections: '500',
      shared_buffers: '2GB',
      effective_cache_size: '8GB',
      work_mem: '32MB',
      maintenance_work_mem: '512MB',
      wal_buffers: '64MB',
      checkpoint_completion_target: '0.9',
      random_page_cost: '1.1',
      archive_timeout: '30s',
    },
    // Plan: requests 4 / 16Gi, limits 8 / 32Gi, 500Gi on fast-ssd.
    resources: { requests: { cpu: '4', memory: '16Gi' }, limits: { cpu: '8', memory: '32Gi' } },
    storage: { size: '500Gi', storageClass: 'fast-ssd' },
    zoneAntiAffinity: 'required',
    // Plan: 30d retention, daily backups.
    backup: { enabled: true, retentionPolicy: '30d', schedule: '0 0 3 * * *' },
    pooler: { instances: 3, maxClientConnections: 2000, defaultPoolSize: 100 },
    // Plan: VPA bounds 2 CPU / 8Gi to 8 CPU / 32Gi.
    verticalPodAutoscaler: { enabled: true, minCpu: '2', minMemory: '8Gi', maxCpu: '8', maxMemory: '32Gi' },
    podMonitor: true,
  },
  // Plan: the Istio Gateway for api.concertmaster.io, routes, connection pool and circuit breaking.
  mesh: {
    enabled: true,
    hosts: ['api.concertmaster.io'],
    routes: { workflowsTimeout: '30s', workflowsAttempts: 3, workflowsPerTryTimeout: '10s', formsTimeout: '60s' },
    connectionPool: { maxConnections: 100, http1MaxPendingRequests: 50, http2MaxRequests: 100, maxRequestsPerConnection: 10, maxRetries: 3 },
    outlierDetection: { consecutive5xxErrors: 5, interval: '30s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
    consistentHashHeader: 'user-id',
    mtls: 'STRICT',
  },
  // Plan: monitoring, alerts, tracing; the k6 test at 1000 VUs for 10 minutes, run on demand.
  observability: {
    enabled: true,
    monitors: { enabled: true, interval: '30s' },
    tracing: { backend: 'otel' },
    loadTest: { enabled: false, vus: 1000, duration: '10m', baseUrl: 'https://api.concertmaster.io', remoteWriteUrl: 'http://prometheus:9090/api/v1/write' },
  },
  // Plan: namespace LimitRange defaults 1000m / 2Gi, default requests 200m / 512Mi.
  limitRange: { enabled: true, default: { cpu: '1000m', memory: '2Gi' }, defaultRequest: { cpu: '200m', memory: '512Mi' } },
} satisfies UmbrellaOverlay;
