// The one error type of RetroVue: a stable code, a one-line message naming the object and the fix,
// and the process exit code the CLI uses for it.

/** Exit codes shared by every command (see contracts). */
export const ExitCode = {
  ok: 0,
  failure: 1,
  partial: 2,
  unreachable: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'refused'
  | 'unreachable'
  | 'database_locked'
  | 'database_unusable'
  /** A piece of the runtime's database work waited longer than its bound for its turn (HTTP 503). */
  | 'database_busy'
  /** The runtime's database cannot be reached now (server down, connections refused, holder gone): HTTP 503. */
  | 'database_unavailable'
  | 'contract_violation'
  | 'plugin_failed'
  | 'internal';

const exitCodeOf: Record<ErrorCode, ExitCode> = {
  invalid_input: ExitCode.failure,
  not_found: ExitCode.failure,
  conflict: ExitCode.failure,
  refused: ExitCode.failure,
  unreachable: ExitCode.unreachable,
  database_locked: ExitCode.failure,
  database_unusable: ExitCode.failure,
  database_busy: ExitCode.failure,
  database_unavailable: ExitCode.unreachable,
  contract_violation: ExitCode.failure,
  plugin_failed: ExitCode.failure,
  internal: ExitCode.failure,
};

/**
 * @example
 * throw new RetroVueError('not_found', 'channel "retro9" does not exist; see `retrovue channel list`');
 */
export class RetroVueError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;
  /** Several independent problems (a file's invalid fields): each is printed on its own line. */
  readonly problems: readonly string[];

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; exitCode?: ExitCode; problems?: readonly string[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RetroVueError';
    this.code = code;
    this.exitCode = options?.exitCode ?? exitCodeOf[code];
    this.problems = options?.problems ?? [message];
  }
}

export function isRetroVueError(error: unknown): error is RetroVueError {
  return error instanceof RetroVueError;
}
