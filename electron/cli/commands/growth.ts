/**
 * `cartella growth --in FILE.csv --out FILE.csv`: WHO z-scores and implausibility flags for a
 * survey of child measurements (columns in shared/analytics/growth/survey-csv.ts), computed as
 * WHO's anthro (0-5 years, WHO 2006) and anthroplus (5-19 years, WHO 2007) packages compute them.
 * Prints one JSON summary line {"rows","computed","problems","out","ms"}. Exit 0 when the file was
 * written (problems in single cells are listed, their rows get empty z-scores), 1 when the input
 * cannot be read, 2 on usage error.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { growthZScores } from '../../../shared/analytics/growth/index.ts';
import { formatSurveyResult, parseSurveyCsv, SURVEY_OUTPUT_COLUMNS } from '../../../shared/analytics/growth/survey-csv.ts';
import { loadGrowthTables } from '../../services/growth/who-tables.ts';
import { parseCliArgs, requireString } from '../args.ts';
import { EXIT_OK, printJsonLine, type CliCommand } from '../command.ts';

const USAGE = `cartella growth --in FILE.csv --out FILE.csv

  WHO growth z-scores: WHO Child Growth Standards 2006 under 60 months, WHO Growth
  Reference 2007 from 60 months to 19 years (as WHO's anthro and anthroplus compute them).
  Input columns:  id,sex,age_days,age_months,weight_kg,length_cm,measure,oedema,head_cm
                  sex 1 boy / 2 girl; one of age_days / age_months; measure l (recumbent)
                  or h (standing); oedema y / n; empty cells allowed.
  Output columns: id,z_wfa,z_lhfa,z_wflh,z_bfa,z_hcfa,flag_wfa,flag_lhfa,flag_wflh,flag_bfa,flag_hcfa
                  z rounded to 2 decimals as WHO rounds; flag 1 = implausible value;
                  empty where the indicator does not apply.
  Prints a JSON summary {"rows","computed","problems","out","ms"}.`;

export const command: CliCommand = {
  name: 'growth',
  summary: 'WHO growth z-scores and flags for a CSV of child measurements',
  usage: USAGE,
  async run(argv) {
    const { values } = parseCliArgs(argv, { in: { type: 'string' }, out: { type: 'string' } });
    const input = requireString(values.in, 'in');
    const out = requireString(values.out, 'out');
    const started = performance.now();
    const { rows, problems } = parseSurveyCsv(await readFile(input, 'utf8'));
    const tables = loadGrowthTables();
    let computed = 0;
    const lines = [SURVEY_OUTPUT_COLUMNS.join(',')];
    for (const row of rows) {
      const result = row.measurement && growthZScores(tables, row.measurement);
      if (result && Object.keys(result.scores).length > 0) computed++;
      lines.push(formatSurveyResult(row.id, result));
    }
    await writeFile(out, `${lines.join('\n')}\n`);
    printJsonLine({ rows: rows.length, computed, problems, out, ms: Math.round(performance.now() - started) });
    return EXIT_OK;
  },
};
