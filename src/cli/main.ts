// Entry point of the `reciprocity` command-line program (bundled to dist/cli.js and
// started by bin/reciprocity.js). It runs without VS Code on the same domain code.
import { version } from '../../package.json';
import { parseCliArgs, USAGE } from './args';
import { processIo, type CliIo } from './io';
import { runReport } from './report';
import { runServer, type SyncModule } from './server';
import { join } from 'node:path';

export const EXIT_OK = 0;
/** Bad input of any kind: usage, a missing file, a corrupt session, a bad transcript. */
export const EXIT_BAD_INPUT = 2;

/** Runs one command and returns the exit code (once the server stops, for `server`); never throws for bad input. */
export function main(argv: readonly string[], io: CliIo = processIo()): number | Promise<number> {
  // The server is its own bundle, loaded only when asked for.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle beside this one, found at run time
  if (argv[0] === 'server') return runServer(argv.slice(1), io, () => require(join(__dirname, 'sync.js')) as SyncModule);
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    io.stderr(`reciprocity: ${parsed.message}\nRun "reciprocity --help" for usage.\n`);
    return EXIT_BAD_INPUT;
  }
  const command = parsed.command;
  if (command.kind === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (command.kind === 'version') {
    io.stdout(`reciprocity ${version}\n`);
    return EXIT_OK;
  }
  const result = runReport(command, io);
  if (!result.ok) {
    io.stderr(`reciprocity: ${result.message}\n`);
    return EXIT_BAD_INPUT;
  }
  io.stdout(result.output);
  return EXIT_OK;
}

// Run when started directly (node dist/cli.js); bin/reciprocity.js calls main itself.
if (require.main === module) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => (process.exitCode = code));
}
