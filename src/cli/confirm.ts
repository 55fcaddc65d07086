// y/N confirmation for destructive verbs: only an explicit yes on a terminal goes ahead.
import { RetroVueError } from '../core/errors.js';

export interface ConfirmOptions {
  readonly force: boolean;
  readonly dryRun: boolean;
  readonly interactive: boolean;
  readonly stdin: NodeJS.ReadableStream;
  readonly stderr: NodeJS.WritableStream;
}

export async function confirmAction(action: string, options: ConfirmOptions): Promise<void> {
  if (options.force || options.dryRun) return;
  if (!options.interactive) {
    throw new RetroVueError('refused', `refusing to ${action} without confirmation: no terminal to ask on, pass --force`);
  }
  const { createInterface } = await import('node:readline/promises'); // only a prompt pays for readline
  const prompt = createInterface({ input: options.stdin, output: options.stderr, terminal: false });
  try {
    const closed = new Promise<string>((resolve) => prompt.once('close', () => resolve(''))); // EOF means no
    const answer = await Promise.race([prompt.question(`Really ${action}? [y/N] `), closed]);
    if (!/^y(es)?$/i.test(answer.trim())) throw new RetroVueError('refused', `did not ${action}: not confirmed`);
  } finally {
    prompt.close();
  }
}
