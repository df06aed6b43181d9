import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import postgres from 'postgres';

const run = promisify(execFile);

/**
 * Has the server write out its dirty pages (CHECKPOINT, where the role may) and the kernel its
 * dirty file pages (sync), so that a measurement, whose every commit waits for the disk, does
 * not share the disk with writes the one before it left behind. A precaution: how much of the
 * drift between runs it removes was not measured apart from the alternating pairs.
 */
export async function settleDisk(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe('checkpoint');
  } catch {
    // CHECKPOINT needs a superuser or pg_checkpoint; the kernel's sync below still helps.
  } finally {
    await sql.end({ timeout: 5 });
  }
  try {
    await run('sync');
  } catch {
    // No sync(1) on this machine: measure as it is.
  }
}
