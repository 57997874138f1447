// Every path the test harness uses, derived from this file's location so that
// any clone works from any current directory.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const toolsDir = path.join(repoRoot, '.tools');
export const logsDir = path.join(toolsDir, 'logs');
export const codeServerToolDir = path.join(toolsDir, 'code-server');
export const testResultsDir = path.join(repoRoot, 'test-results');

export const CODE_SERVER_VERSION = '4.100.3';

/** The installed code-server package (its lib/vscode is VS Code 1.100.3). */
export const codeServerPackageDir = path.join(codeServerToolDir, 'node_modules', 'code-server');
export const codeServerBin = path.join(codeServerPackageDir, 'out', 'node', 'entry.js');
export const provisionMarker = path.join(codeServerToolDir, '.provisioned');
