// Permission tests as an ordinary user: root reads any file, so a test running as root (containers, CI)
// drops to `nobody` for the part that must meet a permission error.

/** Runs `work` as the unprivileged user `nobody` where the test runs as root; as is otherwise. */
export async function withoutRootPrivileges<T>(work: () => Promise<T>): Promise<T> {
  if (process.getuid?.() !== 0) return work();
  process.setegid?.(65534);
  process.seteuid?.(65534);
  try {
    return await work();
  } finally {
    process.seteuid?.(0);
    process.setegid?.(0);
  }
}
