/**
 * The dr chart's values: only whether it renders. Its settings are global.dr (models/global.ts), which
 * the postgres chart reads too, so that the regions' clusters and their peer object stores agree.
 */
import { group, str } from '../../core/values.js';
import { OPTIONAL_LABEL_PATTERN } from '../../core/schema.js';
import { unset, type Rule } from '../../core/rules.js';
import { commonModel } from '../_shared/common.js';
import { DR_NAMES_NOTHING } from '../_shared/global.js';

export const drModel = group('Disaster recovery for ConcertMaster: the other regions\' object stores, which the replica cluster restores and follows from. Its settings are global.dr.', {
  ...commonModel(true),
  fullnameOverride: str(`Refused when set: ${DR_NAMES_NOTHING}.`, '', { pattern: OPTIONAL_LABEL_PATTERN }),
});

/** The chart carries fullnameOverride for the shared name helpers, but nothing is named after it. */
export const drRules: readonly Rule[] = [unset('dr-fullname', 'fullnameOverride', DR_NAMES_NOTHING)];
