#!/usr/bin/env node
// Installs code-server 4.100.3 into .tools/code-server (idempotent; < 1 s once done).
import { provisionCodeServer } from './lib/provision.mjs';
import { MissingPrerequisite } from './lib/prereqs.mjs';
import { codeServerToolDir } from './lib/paths.mjs';

try {
  const seconds = await provisionCodeServer();
  if (seconds === 0) console.log(`code-server: already provisioned in ${codeServerToolDir}`);
} catch (err) {
  console.error(`provision-code-server: ${err instanceof MissingPrerequisite ? err.message : err.stack ?? err}`);
  process.exit(1);
}
