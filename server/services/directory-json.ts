import { z } from 'zod';
import { storedList } from './stored-json';

/*
 * The JSON columns of the directory: lists of term ids. An entry that is not a short string is
 * skipped (and logged) by the one rule of stored-json.ts; the rest of the row still reads.
 */
const termId = z.string().min(1).max(60);
/** `organizations.districts`. */
export const organizationDistricts = storedList('organizations', 'districts', termId);
/** `resources.categories`. */
export const resourceCategories = storedList('resources', 'categories', termId);
/** `resources.audiences`. */
export const resourceAudiences = storedList('resources', 'audiences', termId);
/** `resources.districts`. */
export const resourceDistricts = storedList('resources', 'districts', termId);
