// Child processes whose noisy output goes to a log file instead of stdout.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export class CommandError extends Error {}

/**
 * Runs a command to completion, appending its output to `logFile`.
 * On failure the error names the log and quotes its last lines.
 */
export function runLogged(command, args, { cwd, logFile, env = process.env, allowFailure = false }) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n$ (cd ${cwd} && ${command} ${args.join(' ')})\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', out, out] });
    child.on('error', (err) => {
      fs.closeSync(out);
      reject(err);
    });
    child.on('close', (code) => {
      fs.closeSync(out);
      if (code === 0 || allowFailure) {
        resolve(code);
        return;
      }
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
      reject(new CommandError(`${command} ${args.join(' ')} exited with ${code}; log: ${logFile}\n${tail}`));
    });
  });
}

/** Runs a command with inherited stdio; resolves with its exit code. */
export function runInherited(command, args, { cwd, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** `command -v name`, or undefined. */
export function which(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
