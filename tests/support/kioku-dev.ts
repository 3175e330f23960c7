// The CLI entry point run from sources (tests spawn this through tsx).
import { main } from '../../src/cli/bin.js';

await main();
