import { processContext } from './context.js';
import { run } from './main.js';

/** Entry point of the `kioku` executable. */
export async function main(): Promise<void> {
  // `kioku segment big.txt | head`: a closed pipe is the reader's choice, not an error to report.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  process.exitCode = await run(process.argv.slice(2), processContext());
}
