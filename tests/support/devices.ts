import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';

/**
 * A character device that discards what is written, private to a test: `mknod 1:3` (the null device)
 * as root, else a symlink to /dev/null. Tests of "a device is written in place" write here, never to
 * the machine's /dev/null itself: a regression (a rename over the device, which succeeds as root)
 * then damages the test's node, not /dev/null for every process on the machine.
 */
export function nullDevice(path: string): void {
  if (spawnSync('mknod', ['-m', '666', path, 'c', '1', '3']).status !== 0) symlinkSync('/dev/null', path);
}
