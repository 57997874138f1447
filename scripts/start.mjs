#!/usr/bin/env node
// `npm start`: build and package, then open the extension in a real VS Code.
// With a `code` CLI on PATH: VS Code with the extension loaded from this folder.
// Without one: the bundled test VS Code (code-server) on 127.0.0.1 with the
// .vsix installed and a demo workspace; prints the URL and runs until Ctrl-C.
import path from 'node:path';
import { installVsix, startCodeServer } from './lib/codeServer.mjs';
import { createDemoWorkspace, writeUserSettings } from './lib/demoWorkspace.mjs';
import { getFreePort, isPortFree } from './lib/net.mjs';
import { repoRoot, toolsDir } from './lib/paths.mjs';
import { MissingPrerequisite } from './lib/prereqs.mjs';
import { runInherited, which } from './lib/proc.mjs';
import { provisionCodeServer } from './lib/provision.mjs';
import { vsixPath } from './lib/vsix.mjs';

const demoWorkspace = path.join(toolsDir, 'demo-workspace');
const serverDir = path.join(toolsDir, 'start');

async function packageExtension() {
  const code = await runInherited('npm', ['run', 'package'], { cwd: repoRoot });
  if (code !== 0) throw new Error(`npm run package failed (exit ${code})`);
}

async function pickPort() {
  if (process.env.PORT) return Number(process.env.PORT);
  return (await isPortFree(8080)) ? 8080 : getFreePort();
}

async function openDesktop(code) {
  const workspace = createDemoWorkspace(demoWorkspace, { fresh: false });
  console.log(`Opening VS Code with the extension from ${repoRoot} on ${workspace}`);
  return runInherited(code, [`--extensionDevelopmentPath=${repoRoot}`, workspace]);
}

async function serveCodeServer() {
  await provisionCodeServer();
  const userDataDir = path.join(serverDir, 'user-data');
  const extensionsDir = path.join(serverDir, 'extensions');
  writeUserSettings(userDataDir);
  await installVsix(vsixPath(), extensionsDir, { userDataDir });
  const workspace = createDemoWorkspace(demoWorkspace, { fresh: false });
  const server = await startCodeServer({
    port: await pickPort(), userDataDir, extensionsDir, folder: workspace, logFile: path.join(serverDir, 'code-server.log'),
  });
  console.log(`\nReciprocity is installed in a local VS Code (code-server ${server.url}).`);
  console.log(`Open this URL in your browser:\n\n    ${server.folderUrl()}\n`);
  console.log('Then press F1 and run "Reciprocity: Start Retro". Ctrl-C stops the server.');
  await new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, resolve);
  });
  console.log('\nStopping code-server…');
  await server.stop();
  return 0;
}

try {
  await packageExtension();
  const code = process.env.RECIPROCITY_START_CODE_SERVER ? undefined : which('code');
  process.exitCode = code ? await openDesktop(code) : await serveCodeServer();
} catch (err) {
  console.error(`start: ${err instanceof MissingPrerequisite ? err.message : err.stack ?? err}`);
  process.exitCode = 1;
}
