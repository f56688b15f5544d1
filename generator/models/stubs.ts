/**
 * Subcharts whose objects are not built yet. Each is a valid chart that installs on its own and renders
 * nothing but its notes; it stays off in the umbrella until its objects exist.
 */
import { group } from '../core/values.js';
import { commonModel } from './common.js';

export const pendingModel = (description: string) => group(description, { ...commonModel(false) });
