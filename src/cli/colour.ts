// Whether output may carry ANSI colour: only on a terminal, and never when NO_COLOR is set to anything
// but "" (https://no-color.org).

export function noColourRequested(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env['NO_COLOR'];
  return value !== undefined && value !== '';
}

/** `colorDepth` is the stdout terminal's depth, 1 when stdout is a pipe or a file. */
export function wantsColour(colorDepth: number, env: Readonly<Record<string, string | undefined>>): boolean {
  return colorDepth > 1 && !noColourRequested(env);
}
