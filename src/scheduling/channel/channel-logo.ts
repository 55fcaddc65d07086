// A channel's logo: an image file checked by its first bytes (never its name) and bounded in size, then
// stored in the database by channel-logo-repository.ts and served by the runtime at /channel/{id}/logo.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { RetroVueError } from '../../core/errors.js';

export const MAX_LOGO_BYTES = 1024 * 1024;

export interface ChannelLogo {
  readonly contentType: LogoContentType;
  readonly bytes: Uint8Array;
  /** Hex SHA-256 of the bytes: the HTTP ETag. */
  readonly sha256: string;
}

export type LogoContentType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/svg+xml';

const ascii = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');

/** The image type its magic bytes say, or null. SVG is XML text whose first element is <svg>. */
export function sniffLogoType(bytes: Uint8Array): LogoContentType | null {
  if (bytes.length >= 8 && ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return 'image/gif';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8').replace(/^\uFEFF/, '');
  // An XML declaration, comments and a doctype may come before the root element.
  if (/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return null;
}

/** Reads and checks a logo file; a missing file, a directory, a non-image or one over the bound is a one-line error. */
export function readLogoFile(cwd: string, file: string): ChannelLogo {
  const path = resolve(cwd, file);
  let fd: number;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever (a hung CLI).
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new RetroVueError('invalid_input', `--logo ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new RetroVueError('invalid_input', `--logo ${path} is not a file; give a PNG, JPEG, GIF, WebP or SVG image`);
    if (stat.size > MAX_LOGO_BYTES) throw new RetroVueError('invalid_input', `--logo ${path} is ${stat.size} bytes, over the ${MAX_LOGO_BYTES}-byte (1 MiB) limit; use a smaller image`);
    // Read one byte past the bound: a file that grows while read is still refused.
    const buffer = Buffer.alloc(MAX_LOGO_BYTES + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_LOGO_BYTES) throw new RetroVueError('invalid_input', `--logo ${path} is over the ${MAX_LOGO_BYTES}-byte (1 MiB) limit; use a smaller image`);
    return logoOf(buffer.subarray(0, length), path);
  } finally {
    closeSync(fd);
  }
}

/** A logo given as a file or as a data: URI (what `network export` writes, so a network file carries its logos). */
export function readLogo(cwd: string, value: string): ChannelLogo {
  const data = /^data:([a-z]+\/[a-z0-9.+-]+)?(;[a-z0-9=-]+)*;base64,([A-Za-z0-9+/=\s]*)$/i.exec(value);
  if (!value.startsWith('data:')) return readLogoFile(cwd, value);
  if (!data) throw new RetroVueError('invalid_input', '--logo data: URI must be data:<type>;base64,<bytes>');
  const bytes = Buffer.from(data[3] ?? '', 'base64');
  if (bytes.length > MAX_LOGO_BYTES) throw new RetroVueError('invalid_input', `--logo data: URI holds ${bytes.length} bytes, over the ${MAX_LOGO_BYTES}-byte (1 MiB) limit; use a smaller image`);
  return logoOf(bytes, 'data: URI');
}

export function logoOf(bytes: Uint8Array, what: string): ChannelLogo {
  const contentType = sniffLogoType(bytes);
  if (contentType === null) throw new RetroVueError('invalid_input', `--logo ${what} is not a PNG, JPEG, GIF, WebP or SVG image (checked by its first bytes)`);
  // node:crypto on first use: importing it loads all of Node's crypto and WebCrypto, ~5 ms of every channel
  // command's start, for the few that store a logo.
  const { createHash } = process.getBuiltinModule('node:crypto');
  return { contentType, bytes: Uint8Array.from(bytes), sha256: createHash('sha256').update(bytes).digest('hex') };
}
