// Installs code-server (VS Code 1.100.3 in a browser) into .tools/ without
// internet, following ../../../shared/engineering/REAL_VSCODE_TESTS.md step by
// step. A marker file records a finished install so later runs return at once.
import fs from 'node:fs';
import path from 'node:path';
import {
  CODE_SERVER_VERSION, codeServerBin, codeServerPackageDir, codeServerToolDir, logsDir, provisionMarker,
} from './paths.mjs';
import { runLogged, which } from './proc.mjs';
import {
  BUILD_TOOLS, KERBEROS_HEADERS, MissingPrerequisite, RIPGREP, localNodeDir, requireDebianPackages,
} from './prereqs.mjs';

const NATIVE_VSCODE_MODULES = ['kerberos', '@vscode/spdlog', 'native-watchdog', '@parcel/watcher', '@vscode/deviceid', 'node-pty'];

/**
 * Loads each native module in a fresh Node, which proves the rebuild produced a
 * binary for this Node's ABI (@parcel/watcher ships its own prebuilt package).
 */
function verifyNativeModules(step, dir, modules) {
  const probe = `for (const m of ${JSON.stringify(modules)}) require(m);`;
  return step(`check native modules load (${modules.length})`, process.execPath, ['-e', probe], dir);
}

export function isProvisioned() {
  try {
    return fs.readFileSync(provisionMarker, 'utf8').trim() === CODE_SERVER_VERSION && fs.existsSync(codeServerBin);
  } catch {
    return false;
  }
}

function checkMachine() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    throw new MissingPrerequisite(
      `Node 20 (code-server ${CODE_SERVER_VERSION} runs its extension host on the machine's Node; found ${process.version})`,
      'install Node 20.x, e.g. from https://nodejs.org/dist/latest-v20.x/',
    );
  }
  requireDebianPackages([...BUILD_TOOLS, KERBEROS_HEADERS, RIPGREP]);
}

function makeStep(log, env, logFile) {
  let n = 0;
  return async (title, command, args, cwd, options = {}) => {
    n += 1;
    const started = Date.now();
    log(`  [${n}] ${title}…`);
    const code = await runLogged(command, args, { cwd, env, logFile, ...options });
    log(`      done in ${((Date.now() - started) / 1000).toFixed(1)} s${code ? ` (exit ${code}, tolerated)` : ''}`);
  };
}

function forceSymlink(target, linkPath) {
  fs.rmSync(linkPath, { force: true, recursive: true });
  fs.symlinkSync(target, linkPath);
}

function npmEnv() {
  const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const nodeDir = localNodeDir();
  if (nodeDir) env.npm_config_nodedir = nodeDir;
  return env;
}

/** The steps after `npm install code-server`, inside its lib/vscode. */
async function prepareVscode(step) {
  const vscodeDir = path.join(codeServerPackageDir, 'lib', 'vscode');
  await step('lib/vscode: npm install --omit=dev', 'npm', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir);
  // node-pty's last gyp action (compile_commands) fails; pty.node is built all the same.
  await step('lib/vscode: rebuild native modules', 'npm', ['rebuild', ...NATIVE_VSCODE_MODULES], vscodeDir, { allowFailure: true });
  await verifyNativeModules(step, vscodeDir, NATIVE_VSCODE_MODULES);
  const rgTarget = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  fs.mkdirSync(path.dirname(rgTarget), { recursive: true });
  fs.copyFileSync(which('rg'), rgTarget);
  fs.chmodSync(rgTarget, 0o755);
  forceSymlink('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  forceSymlink('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  forceSymlink('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  await step('lib/vscode/extensions: npm install --omit=dev', 'npm', ['install', '--omit=dev', '--ignore-scripts'], path.join(vscodeDir, 'extensions'));
}

/**
 * Idempotent. Returns the seconds spent (0 when it was already installed).
 * Throws MissingPrerequisite naming the apt-get command when the machine lacks something.
 */
export async function provisionCodeServer({ log = console.log } = {}) {
  if (isProvisioned()) return 0;
  checkMachine();
  const started = Date.now();
  fs.mkdirSync(codeServerToolDir, { recursive: true });
  fs.rmSync(provisionMarker, { force: true });
  const logFile = path.join(logsDir, 'provision.log');
  fs.mkdirSync(logsDir, { recursive: true });
  fs.writeFileSync(logFile, `provision code-server ${CODE_SERVER_VERSION} at ${new Date().toISOString()}\n`);
  log(`code-server ${CODE_SERVER_VERSION}: installing into ${path.relative(process.cwd(), codeServerToolDir) || '.'} (log: ${logFile})`);
  // Its own package.json keeps this install out of the project's dependency tree.
  fs.writeFileSync(
    path.join(codeServerToolDir, 'package.json'),
    `${JSON.stringify({ name: 'reciprocity-test-tools', private: true, description: 'code-server for the e2e tests; provisioned by scripts/provision-code-server.mjs' }, null, 2)}\n`,
  );
  const step = makeStep(log, npmEnv(), logFile);
  // Scripts off: as root the postinstall refuses, and @vscode/ripgrep and argon2 would download.
  await step(`npm install code-server@${CODE_SERVER_VERSION}`, 'npm', ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], codeServerToolDir);
  await step('rebuild argon2 from source', 'npm', ['rebuild', 'argon2', '--build-from-source'], codeServerToolDir);
  await verifyNativeModules(step, codeServerToolDir, ['argon2']);
  await prepareVscode(step);
  fs.writeFileSync(provisionMarker, `${CODE_SERVER_VERSION}\n`);
  const seconds = (Date.now() - started) / 1000;
  log(`code-server ${CODE_SERVER_VERSION}: ready in ${seconds.toFixed(0)} s`);
  return seconds;
}
