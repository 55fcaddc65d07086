// Logo files for tests: a real PNG made by ffmpeg, and the hostile ones a `--logo` must refuse.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LogoFiles {
  readonly png: string;
  readonly svg: string;
  readonly text: string;
  readonly huge: string;
  readonly directory: string;
  readonly missing: string;
  /** A named pipe no one writes to. */
  readonly fifo: string;
}

export function makeLogoFiles(dir: string): LogoFiles {
  const png = join(dir, 'logo.png');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:s=32x18', '-frames:v', '1', png]);
  const svg = join(dir, 'looks-like.png');
  writeFileSync(svg, '<?xml version="1.0"?>\n<!-- a logo -->\n<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>\n');
  const text = join(dir, 'notes.png');
  writeFileSync(text, 'this is not an image\n');
  const huge = join(dir, 'huge.png');
  writeFileSync(huge, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(1024 * 1024)]));
  const directory = join(dir, 'a-directory.png');
  mkdirSync(directory, { recursive: true });
  const fifo = join(dir, 'pipe.png');
  execFileSync('mkfifo', [fifo]);
  return { png, svg, text, huge, directory, missing: join(dir, 'no-such-logo.png'), fifo };
}
