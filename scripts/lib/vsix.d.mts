export function readManifest(): Record<string, unknown>;
export function vsixPath(): string;
export function installedExtensionDir(extensionsDir: string): string;
export function vsixStaleReason(file?: string): string | undefined;
export function ensureVsix(): Promise<string>;
