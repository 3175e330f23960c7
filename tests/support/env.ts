import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root and the `../shared` folder next to it (present on the team's machines and CI). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHARED = process.env.KIOKU_SHARED ?? join(ROOT, '..', 'shared');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');

/**
 * CI sets KIOKU_REQUIRE_ALL=1: then a missing `../shared` or external tool is a failure, not a skip,
 * so nothing passes by being skipped. On a user's clone the test is skipped with the reason.
 */
export const REQUIRE_ALL = process.env.KIOKU_REQUIRE_ALL === '1';

export function haveCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Returns the reason a requirement is missing, or undefined when it is met. Under KIOKU_REQUIRE_ALL a
 * missing requirement throws, failing the suite that asked.
 */
export function missing(requirement: { shared?: string; command?: string; file?: string }): string | undefined {
  let reason: string | undefined;
  if (requirement.shared !== undefined && !existsSync(join(SHARED, requirement.shared))) {
    reason = `needs ${join(SHARED, requirement.shared)} (the team's shared folder)`;
  } else if (requirement.command !== undefined && !haveCommand(requirement.command)) {
    reason = `needs the command ${requirement.command}`;
  } else if (requirement.file !== undefined && !existsSync(requirement.file)) {
    reason = `needs ${requirement.file}`;
  }
  if (reason !== undefined && REQUIRE_ALL) {
    throw new Error(`KIOKU_REQUIRE_ALL=1 but this test ${reason}`);
  }
  return reason;
}

/**
 * Why the OmegaT tests cannot run, or undefined when they can: `../shared/omegat-translate`, Java, and
 * OmegaT itself (the jar of the Debian package `omegat`, or OMEGAT_JAR, as the wrapper looks for it).
 * Java alone is not OmegaT: a machine with a JRE but without the package would fail, not skip.
 */
export function missingOmegat(): string | undefined {
  return missing({ shared: 'omegat-translate' }) ?? missing({ command: 'java' }) ?? missing({ file: process.env.OMEGAT_JAR ?? '/usr/share/omegat/OmegaT.jar' });
}
