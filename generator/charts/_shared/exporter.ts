/** A Prometheus exporter next to a component: on/off, image, port named "metrics", resources. */
import { bool, group, int, port, resources } from '../../core/values.js';
import { imageModel } from './image.js';

export const exporterModel = (
  description: string,
  what: string,
  d: { image: { registry: string; repository: string; tag: string }; port: number; requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } },
) =>
  group(description, {
    enabled: bool('Run the exporter.', true),
    image: imageModel(what, d.image),
    port: port('Exporter port, named "metrics".', d.port),
    resources: resources(what, { requests: d.requests, limits: d.limits }),
  });
