// Writing a file so that readers see the old bytes or the new ones, never a mix: a temp
// file next to it, every byte written, fsync, rename. Shared by the extension's session
// store and the team server's store.
//
// Why not write-file-atomic: it issues one write and does not check its count, so on a
// nearly full disk it renamed a truncated copy over the file and reported success (found
// by the full-disk test in test/unit/host/storageRobustness.test.ts). FileHandle.writeFile
// writes until done or fails with ENOSPC, and then the old file is left as it was.
import { randomInt } from 'node:crypto';
import * as fs from 'node:fs/promises';

/** Temp files are `<file>.<uint32>`, the names write-file-atomic used, so old left-overs are cleaned alike. */
export async function writeAtomic(p: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const tmp = `${p}.${randomInt(2 ** 32)}`;
  const mode = options.mode ?? (await fs.stat(p).then((st) => st.mode & 0o777, () => 0o644));
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx', mode);
    await handle.writeFile(data, typeof data === 'string' ? 'utf8' : undefined);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, p);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
