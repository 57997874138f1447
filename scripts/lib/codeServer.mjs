// Starting code-server on 127.0.0.1 and installing a .vsix into it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { codeServerBin, logsDir } from './paths.mjs';
import { getFreePort } from './net.mjs';
import { runLogged } from './proc.mjs';

const READY_LINE = 'HTTP server listening on';

/** `--config` inside the user-data-dir keeps code-server from writing ~/.config/code-server. */
function baseArgs(userDataDir, extensionsDir) {
  return [
    '--config', path.join(userDataDir, 'code-server-config.yaml'), '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check',
  ];
}

/** `code-server --install-extension`; its output goes to .tools/logs/install-extension.log. */
export async function installVsix(vsixPath, extensionsDir, { userDataDir = path.join(extensionsDir, '..', 'user-data') } = {}) {
  fs.mkdirSync(extensionsDir, { recursive: true });
  await runLogged(
    process.execPath,
    [codeServerBin, ...baseArgs(userDataDir, extensionsDir), '--install-extension', path.resolve(vsixPath), '--force'],
    { cwd: path.dirname(extensionsDir), logFile: path.join(logsDir, 'install-extension.log') },
  );
}

function waitForReady(child, output, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`code-server did not print "${READY_LINE}" within ${timeoutMs / 1000} s:\n${output.text.slice(-2000)}`));
    }, timeoutMs);
    const onData = () => {
      if (output.text.includes(READY_LINE)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code ?? signal}) before it was ready:\n${output.text.slice(-2000)}`));
    });
  });
}

function stopper(child) {
  return () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts code-server bound to 127.0.0.1 with no auth, and resolves once it
 * listens. `folder` is opened by default. Output is mirrored to `logFile`.
 * Returns { url, port, folderUrl, stop(), output() }.
 */
export async function startCodeServer({
  port, userDataDir, extensionsDir, folder, logFile = path.join(logsDir, 'code-server.log'), env = {}, timeoutMs = 60_000,
}) {
  const chosenPort = port ?? (await getFreePort());
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const args = [
    codeServerBin, '--auth', 'none', '--bind-addr', `127.0.0.1:${chosenPort}`,
    ...baseArgs(userDataDir, extensionsDir), '--disable-workspace-trust', '--disable-getting-started-override',
    ...(folder ? [folder] : []),
  ];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  const output = { text: '' };
  const capture = (chunk) => {
    output.text += chunk.toString();
    log.write(chunk);
  };
  child.stdout.on('data', capture);
  child.stderr.on('data', capture);
  child.on('exit', () => log.end());
  const stop = stopper(child);
  try {
    await waitForReady(child, output, timeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  const url = `http://127.0.0.1:${chosenPort}/`;
  return {
    url,
    port: chosenPort,
    // Slashes stay readable; everything else that could break the query is escaped.
    folderUrl: (dir = folder) => `${url}?folder=${encodeURIComponent(dir).replace(/%2F/g, '/')}`,
    output: () => output.text,
    stop,
  };
}
