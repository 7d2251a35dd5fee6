import { parseCliArgs, positiveInt } from '../args.ts';
import { EXIT_FAILURE, EXIT_OK, printJsonLine, UsageError, type CliCommand } from '../command.ts';
import { openCliServices } from '../open-db.ts';

export const command: CliCommand = {
  name: 'patients',
  summary: 'search the patient registry',
  usage: `cartella patients search TEXT [--db FILE] [--limit N]

  Prints one JSON line per matching patient (id, surname, givenName, sex, birthDate,
  identifierKind, identifier), then {"total":N}. Exit 1 when nothing matches.`,
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, { db: { type: 'string' }, limit: { type: 'string' } });
    const [verb, ...words] = positionals;
    if (verb !== 'search') throw new UsageError(`unknown sub-command ${verb ?? '(none)'}`);
    const services = await openCliServices(values.db);
    try {
      const result = await services.db.call('patients.search', { text: words.join(' '), limit: positiveInt(values.limit, 'limit', 50) });
      for (const p of result.items) printJsonLine(p);
      printJsonLine({ total: result.total });
      return result.total > 0 ? EXIT_OK : EXIT_FAILURE;
    } finally {
      await services.close();
    }
  },
};
