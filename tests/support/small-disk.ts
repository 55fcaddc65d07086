// A small real file system (tmpfs, mounted as root) that a test fills to the last byte and frees again,
// so "the disk is full" is the kernel's ENOSPC, not a mock. Tests skip, saying why, where mount is refused.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  /** The mount point. */
  readonly dir: string;
  /** Writes a filler file until the file system refuses with ENOSPC, then gives `leaveBytes` back. */
  fill(leaveBytes?: number): void;
  /** Removes the filler: the space is back. */
  free(): void;
  /** Unmounts and removes the mount point (safe to call twice). */
  unmount(): void;
}

/** Why a small disk cannot be mounted here, or null when it can (root, tmpfs allowed). */
export function smallDiskRefusal(): string | null {
  if (process.getuid?.() !== 0) return 'mounting a small tmpfs needs root (CI runs as root)';
  let disk: SmallDisk | undefined;
  try {
    disk = mountSmallDisk(1);
    return null;
  } catch (error) {
    return `mount -t tmpfs is not permitted here: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    disk?.unmount();
  }
}

/** Mounts a tmpfs of `megabytes` on a fresh directory. */
export function mountSmallDisk(megabytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'retrovue-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const filler = join(dir, 'filler');
  let mounted = true;
  return {
    dir,
    fill: (leaveBytes = 0) => {
      const fd = openSync(filler, 'a');
      const block = Buffer.alloc(64 * 1024, 0x55);
      try {
        for (;;) writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        // The last partial block: fill what a 64 KiB write could not.
        try {
          for (;;) writeSync(fd, block, 0, 512);
        } catch {
          // full to the last sector
        }
      } finally {
        closeSync(fd);
      }
      if (leaveBytes > 0) truncateSync(filler, Math.max(0, statSync(filler).size - leaveBytes));
    },
    free: () => rmSync(filler, { force: true }),
    unmount: () => {
      if (!mounted) return;
      mounted = false;
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
