// Checks for what the real-VS-Code tests need from the machine. Each failure
// names the exact command that fixes it, because a silent skip hides a gap.
import fs from 'node:fs';
import path from 'node:path';
import { which } from './proc.mjs';

export class MissingPrerequisite extends Error {
  constructor(what, fix) {
    super(`missing: ${what}. Install with:\n    ${fix}`);
    this.fix = fix;
  }
}

const APT = (pkgs) => `apt-get update && apt-get install -y ${pkgs.join(' ')}`;

/** Throws one MissingPrerequisite listing every absent Debian package. */
export function requireDebianPackages(checks) {
  const missing = checks.filter((c) => !c.present());
  if (missing.length === 0) return;
  throw new MissingPrerequisite(
    missing.map((c) => c.what).join(', '),
    APT(missing.map((c) => c.pkg)),
  );
}

export const BUILD_TOOLS = [
  { what: 'g++', pkg: 'g++', present: () => Boolean(which('g++')) },
  { what: 'make', pkg: 'make', present: () => Boolean(which('make')) },
  { what: 'python3', pkg: 'python3', present: () => Boolean(which('python3')) },
];

export const KERBEROS_HEADERS = {
  what: 'Kerberos headers (krb5-config, gssapi.h)',
  pkg: 'libkrb5-dev',
  present: () => Boolean(which('krb5-config')) && fs.existsSync('/usr/include/gssapi/gssapi.h'),
};

export const RIPGREP = { what: 'ripgrep (rg)', pkg: 'ripgrep', present: () => Boolean(which('rg')) };

/**
 * The folder holding include/node/common.gypi for the running Node, so that
 * node-gyp compiles against local headers instead of downloading them.
 */
export function localNodeDir() {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'common.gypi')) ? prefix : undefined;
}
