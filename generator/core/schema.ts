/**
 * The subset of JSON Schema draft-07 that the value models emit. Only local references
 * (`#/definitions/<type>`, see definitions.ts): Helm resolves no remote $ref.
 */
export interface JsonSchema {
  $schema?: string;
  $comment?: string;
  title?: string;
  description?: string;
  default?: unknown;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | readonly ('string' | 'integer' | 'number' | 'object' | 'array')[];
  enum?: readonly unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  minProperties?: number;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  patternProperties?: Record<string, JsonSchema>;
  anyOf?: readonly JsonSchema[];
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
}

/** Kubernetes CPU quantities: "500m", "2", "0.5". */
export const CPU_PATTERN = '^([0-9]+m|[0-9]+(\\.[0-9]{1,3})?)$';
/** Kubernetes memory quantities: "512Mi", "4Gi", "1G", or plain bytes. */
export const MEMORY_PATTERN = '^[0-9]+(\\.[0-9]+)?([EPTGMK]i?|k)?$';
/** Any Kubernetes quantity ("10Gi", "500m", "1"), for ephemeral-storage and extended resources. */
export const QUANTITY_PATTERN = '^[0-9]+(\\.[0-9]+)?([EPTGMK]i?|[kmM])?$';
/**
 * The other resource names a container's requests and limits may carry: ephemeral-storage, hugepages
 * and extended resources such as nvidia.com/gpu.
 */
export const EXTRA_RESOURCE_PATTERN = '^(ephemeral-storage|hugepages-[0-9]+[KMG]i|([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]{2,}/[a-z0-9]([-a-z0-9.]*[a-z0-9])?)$';

/** A CPU or memory quantity, or empty for "none" (an optional maximum). */
export const OPTIONAL_CPU_PATTERN = `^(|${CPU_PATTERN.slice(1, -1)})$`;
export const OPTIONAL_MEMORY_PATTERN = `^(|${MEMORY_PATTERN.slice(1, -1)})$`;
/** An RFC 1123 subdomain (the shape of Secret and ConfigMap names), or empty for "use the convention". */
export const OPTIONAL_NAME_PATTERN = '^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$';
/** An RFC 1123 label or empty: name overrides end up inside object names. */
export const OPTIONAL_LABEL_PATTERN = '^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$';
/** An RFC 1123 subdomain: Secret, ConfigMap and class names, and host names. */
export const NAME_PATTERN = '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$';
/** An RFC 1123 label: names that end up inside object names, and namespaces. */
export const LABEL_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
/** A cloud region as AWS spells it: "us-east-1". */
export const REGION_PATTERN = '^[a-z]{2}-[a-z]+-[0-9]$';
/** An http or https URL. */
export const HTTP_URL_PATTERN = '^https?://[^ ]+$';
/** A duration as Istio, Prometheus and k6 write it: "500ms", "30s", "2m", "1h". */
export const DURATION_PATTERN = '^[0-9]+(ms|s|m|h)$';
/** A volume size in binary units: "10Gi". */
export const VOLUME_SIZE_PATTERN = '^[0-9]+(Mi|Gi|Ti)$';
/** An image digest, or empty: "sha256:" and 64 hex digits. */
export const OPTIONAL_DIGEST_PATTERN = '^(sha256:[a-f0-9]{64})?$';
/** An absolute HTTP path ("/livez"). */
export const HTTP_PATH_PATTERN = '^/[^ ]*$';
/** A Redis memory size as redis.conf writes it: "768mb", "1gb". */
export const REDIS_MEMORY_PATTERN = '^[0-9]+(b|k|kb|m|mb|g|gb)$';
/** redis.conf save points, "<seconds> <changes>" pairs, or empty for none. */
export const REDIS_SAVE_PATTERN = '^(|[0-9]+ [0-9]+( [0-9]+ [0-9]+)*)$';
/** A count of pods from 0, or a percentage ("50%"), or empty for unset. */
export const POD_COUNT_PATTERN = '^(|([0-9]|[1-9][0-9]|100)%)$';
/** A count of pods from 1, or a percentage from 1% ("50%"), or empty for unset. */
export const POSITIVE_POD_COUNT_PATTERN = '^(|([1-9]|[1-9][0-9]|100)%)$';
