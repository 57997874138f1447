import { execFile } from 'node:child_process';

/** Recent commit authors in a folder, most active first: a roster suggestion, never sent anywhere. */
export function recentGitAuthors(cwd: string, limit = 12): Promise<string[]> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['log', '--since=90.days', '-n', '500', '--format=%aN'],
      { cwd, timeout: 3000, maxBuffer: 1024 * 1024 },
      (err, stdout) => {
        if (err) return resolve([]);
        const counts = new Map<string, number>();
        for (const line of stdout.split('\n')) {
          const name = line.trim();
          if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
        }
        resolve([...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([n]) => n));
      },
    );
  });
}
