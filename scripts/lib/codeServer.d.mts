export function installVsix(vsix: string, extensionsDir: string, options?: { userDataDir?: string }): Promise<void>;
export function startCodeServer(options: {
  userDataDir: string;
  extensionsDir: string;
  folder?: string;
  logFile?: string;
  port?: number;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<{ url: string; port: number; folderUrl(dir?: string): string; output(): string; stop(): Promise<void> }>;
