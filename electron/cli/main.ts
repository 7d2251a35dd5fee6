import { isAppError } from '../../shared/errors/index.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './command.ts';
import { commandModules } from './commands/index.ts';

const HELP_HEADER = `cartella: Cartella's services, headless, for scripts, batch work and checks.

Usage: cartella <command> [options]    (cartella <command> --help for details)

Output is JSON lines where a program reads it. Exit codes: 0 ok, 1 failure, 2 usage error.

Commands:`;

async function printHelp(): Promise<void> {
  const lines = [HELP_HEADER];
  for (const [name, load] of Object.entries(commandModules)) {
    const { command } = await load();
    lines.push(`  ${name.padEnd(14)}${command.summary}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await printHelp();
    return name ? EXIT_OK : EXIT_USAGE;
  }
  const load = commandModules[name];
  if (!load) {
    process.stderr.write(`cartella: unknown command '${name}'. See 'cartella --help'.\n`);
    return EXIT_USAGE;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`cartella ${name}: ${e.message}\n\n${command.usage}\n`);
      return EXIT_USAGE;
    }
    const error = isAppError(e) ? e.toRpc() : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
    process.stdout.write(`${JSON.stringify({ error })}\n`);
    return EXIT_FAILURE;
  }
}
