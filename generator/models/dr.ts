/**
 * The dr chart's values: only whether it renders. Its settings are global.dr (models/global.ts), which
 * the postgres chart reads too, so that the regions' clusters and their peer object stores agree.
 */
import { group } from '../core/values.js';
import { commonModel } from './common.js';

export const drModel = group('Disaster recovery for ConcertMaster: the other regions\' object stores, which the replica cluster restores and follows from. Its settings are global.dr.', { ...commonModel(true) });
