/** The WHO tables as the application loads them (resources/growth/), for the growth tests. */
import { loadGrowthTables } from '../../../electron/services/growth/who-tables.ts';

export const tables = loadGrowthTables();
