import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { minimatch } from 'minimatch';
import { Commands } from '../../src/host/commandIds';
import { SETTING_DEFAULTS } from '../../src/host/settings';

const root = join(__dirname, '..', '..');
const rawPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
/** Every "%key%" in the manifest, where it sits. */
const nlsRefs: { key: string; at: string }[] = [];
/** The manifest as VS Code shows it in English: each "%key%" replaced from package.nls.json. */
const pkg = JSON.parse(JSON.stringify(rawPkg), function (this: unknown, name: string, value: unknown) {
  if (typeof value !== 'string') return value;
  const m = /^%([^%\s]+)%$/.exec(value);
  if (!m) return value;
  nlsRefs.push({ key: m[1], at: name });
  return nls[m[1]] ?? value;
});

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (p.endsWith('.ts')) yield readFileSync(p, 'utf8');
  }
}

function registeredCommandIds(): Set<string> {
  const keys = new Set<string>();
  for (const text of sources(join(root, 'src'))) {
    for (const m of text.matchAll(/registerFailableCommand\(\s*Commands\.(\w+)/g)) keys.add(m[1]);
  }
  return new Set([...keys].map((k) => (Commands as Record<string, string>)[k]).filter(Boolean));
}

describe('manifest', () => {
  const contributed: { command: string; title: string; category: string }[] = pkg.contributes.commands;

  it('has the public identity', () => {
    assert.equal(pkg.name, 'reciprocity');
    assert.equal(pkg.displayName, 'Reciprocity — balanced team retros');
    assert.ok(pkg.bin.reciprocity, 'declares the reciprocity CLI in bin');
  });

  it('registers every contributed command in code, and contributes every registered one', () => {
    const registered = registeredCommandIds();
    const ids = new Set(contributed.map((c) => c.command));
    assert.deepEqual([...ids].filter((id) => !registered.has(id)), [], 'contributed but not registered');
    assert.deepEqual([...registered].filter((id) => !ids.has(id)), [], 'registered but not contributed');
    assert.deepEqual(new Set(Object.values(Commands)), ids, 'commandIds.ts and package.json list the same ids');
  });

  it('puts every command under the Reciprocity category with a reciprocity. id', () => {
    for (const c of contributed) {
      assert.equal(c.category, 'Reciprocity', c.command);
      assert.match(c.command, /^reciprocity\./);
    }
    const titles = contributed.map((c) => `${c.category}: ${c.title}`);
    for (const t of ['Reciprocity: Start Retro', 'Reciprocity: Open Participation Summary', 'Reciprocity: Import Meeting Transcript']) {
      assert.ok(titles.includes(t), t);
    }
  });

  it('keeps @types/vscode no newer than the engine floor', () => {
    const floor = String(pkg.engines.vscode).replace(/^[^\d]*/, '');
    const types = String(pkg.devDependencies['@types/vscode']).replace(/^[^\d]*/, '');
    const [a, b] = [floor, types].map((v) => v.split('.').map(Number));
    assert.ok(b[0] < a[0] || (b[0] === a[0] && b[1] <= a[1]), `@types/vscode ${types} is newer than engines.vscode ${floor}`);
  });

  it("declares each setting's default as src/host/settings.ts does, and no setting it lacks", () => {
    const properties: Record<string, { default: unknown }> = pkg.contributes.configuration.properties;
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(SETTING_DEFAULTS).sort());
    for (const [key, schema] of Object.entries(properties)) {
      assert.deepEqual(schema.default, SETTING_DEFAULTS[key as keyof typeof SETTING_DEFAULTS], key);
    }
  });

  it('declares workspace trust and virtual workspace support with a reason', () => {
    const { untrustedWorkspaces, virtualWorkspaces } = pkg.capabilities;
    assert.equal(untrustedWorkspaces.supported, 'limited');
    assert.match(untrustedWorkspaces.description, /\w/);
    assert.equal(virtualWorkspaces.supported, 'limited');
    assert.match(virtualWorkspaces.description, /\w/);
  });

  it('ships only bundles and media in the .vsix allow-list', () => {
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^\*\*$/m);
    assert.doesNotMatch(ignore, /node_modules/);
  });
});

// The .vsix as vsce builds it: .vscodeignore read with minimatch ({ dot: true }), a file is left out
// when a pattern matches it unless a negated pattern lets it back in.
const ignorePatterns = readFileSync(join(root, '.vscodeignore'), 'utf8')
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

function isPackaged(file: string): boolean {
  const m = (pattern: string) => minimatch(file, pattern, { dot: true });
  const excluded = ignorePatterns.filter((p) => !p.startsWith('!')).some(m);
  return !excluded || ignorePatterns.filter((p) => p.startsWith('!')).some((p) => m(p.slice(1)));
}

/** The files in the tree (tracked or not, minus .gitignore'd) plus the bundles esbuild.mjs writes. */
function shippableFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && existsSync(join(root, f)));
  const esbuild = readFileSync(join(root, 'esbuild.mjs'), 'utf8');
  const bundles = [...esbuild.matchAll(/entryPoints:\s*\{([^}]*)\}/g)].flatMap((m) => [...m[1].matchAll(/(\w+)\s*:/g)].map((k) => `dist/${k[1]}.js`));
  assert.ok(bundles.includes('dist/extension.js'), 'esbuild.mjs entry points are readable');
  return [...listed, ...bundles];
}

/** Relative links and images in a Markdown file, as repo paths. */
function relativeLinks(mdPath: string): string[] {
  const text = readFileSync(join(root, mdPath), 'utf8');
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1])
    .filter((href) => !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('#'))
    .map((href) => posix.normalize(posix.join(posix.dirname(mdPath), href.split('#')[0])));
}

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: Record<string, string>;
  completionEvents?: string[];
}

function walkthroughSteps(): WalkthroughStep[] {
  return (pkg.contributes.walkthroughs ?? []).flatMap((w: { steps: WalkthroughStep[] }) => w.steps);
}

describe('manifest strings (package.nls.json)', () => {
  it('gives every %key% in package.json an English string, and holds no unused key', () => {
    assert.ok(nlsRefs.length > 40, 'the manifest is localised');
    const used = new Set(nlsRefs.map((r) => r.key));
    assert.deepEqual(nlsRefs.filter((r) => typeof nls[r.key] !== 'string' || nls[r.key].trim() === '').map((r) => r.key), [], 'missing from package.nls.json');
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'unused in package.json');
  });

  it('leaves no user-facing manifest text outside package.nls.json', () => {
    const c = rawPkg.contributes;
    const texts: [string, unknown][] = [
      ['displayName', rawPkg.displayName],
      ['description', rawPkg.description],
      ...c.commands.flatMap((x: { command: string; title: string; category: string }) => [[x.command, x.title], [x.command, x.category]]),
      ...c.viewsContainers.activitybar.map((x: { id: string; title: string }) => [x.id, x.title]),
      ...Object.values(c.views).flat().map((x) => [(x as { id: string }).id, (x as { name: string }).name]),
      ...c.viewsWelcome.map((x: { view: string; contents: string }) => [x.view, x.contents]),
      ['configuration', c.configuration.title],
      ...Object.entries(c.configuration.properties).flatMap(([k, v]) => {
        const p = v as { description?: string; markdownDescription?: string; enumDescriptions?: string[] };
        return [p.description, p.markdownDescription, ...(p.enumDescriptions ?? [])].filter((t) => t !== undefined).map((t) => [k, t]);
      }),
      ...c.walkthroughs.flatMap((w: { id: string; title: string; description: string; steps: WalkthroughStep[] }) => [
        [w.id, w.title],
        [w.id, w.description],
        ...w.steps.flatMap((st) => [[st.id, st.title], [st.id, st.description]]),
      ]),
      ['untrustedWorkspaces', rawPkg.capabilities.untrustedWorkspaces.description],
      ['virtualWorkspaces', rawPkg.capabilities.virtualWorkspaces.description],
    ];
    assert.deepEqual(texts.filter(([, t]) => typeof t !== 'string' || !/^%[^%\s]+%$/.test(t)), [], 'literal text in package.json');
  });

  it('keeps the English command titles the palette and the tests look for', () => {
    const titles = pkg.contributes.commands.map((c: { category: string; title: string }) => `${c.category}: ${c.title}`);
    for (const t of ['Start Retro', 'Host Team Retro', 'Join Team Retro', 'Copy Team Join Code', 'Open Participation Summary', 'Import Meeting Transcript', 'Rename Retro', 'End Retro']) {
      assert.ok(titles.includes(`Reciprocity: ${t}`), t);
    }
  });

  it('ships package.nls.json and the l10n bundle', () => {
    assert.equal(rawPkg.l10n, './l10n');
    assert.ok(existsSync(join(root, 'l10n', 'bundle.l10n.json')));
    assert.ok(isPackaged('package.nls.json'));
    assert.ok(isPackaged('l10n/bundle.l10n.json'));
  });
});

describe('l10n bundle', () => {
  /** The English text of every `l10n.t('…')` call in src, found here by a pattern of our own. */
  function l10nCalls(): Map<string, string> {
    const found = new Map<string, string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) {
          const text = readFileSync(p, 'utf8');
          for (const m of text.matchAll(/\bl10n\.t\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) {
            assert.ok(m[1] !== '`' || !m[2].includes('${'), `${p}: l10n.t takes {0} placeholders, not a template: ${m[2]}`);
            found.set(m[2].replace(/\\(['"`\\])/g, '$1'), p.slice(root.length + 1));
          }
        }
      }
    };
    walk(join(root, 'src'));
    return found;
  }

  it('holds every string that src passes to l10n.t, and none that src no longer uses (npm run l10n)', () => {
    const bundle: Record<string, string> = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8'));
    const calls = l10nCalls();
    assert.ok(calls.size > 50, 'the host is localised');
    assert.deepEqual([...calls].filter(([k]) => !(k in bundle)).map(([k, f]) => `${f}: ${k}`), [], 'missing from l10n/bundle.l10n.json');
    assert.deepEqual(Object.keys(bundle).filter((k) => !calls.has(k)), [], 'in the bundle but not in src');
    for (const [k, v] of Object.entries(bundle)) assert.equal(v, k, 'the English bundle maps each string to itself');
  });
});

describe('walkthrough', () => {
  const commands = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));

  it('walks through starting a retro, inviting the team and reading the summary', () => {
    const links = (s: WalkthroughStep) => [...s.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
    const steps = walkthroughSteps();
    assert.deepEqual(steps.map(links).map((l) => l[0]), ['reciprocity.startRetro', 'reciprocity.hostTeamRetro', 'reciprocity.openSummary']);
  });

  it('links and completes each step with commands the extension contributes', () => {
    for (const step of walkthroughSteps()) {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
      const events = step.completionEvents ?? [];
      assert.ok(events.length > 0, `${step.id} has completion events`);
      for (const e of events) {
        const m = /^onCommand:(.+)$/.exec(e);
        assert.ok(m, `${step.id}: ${e} is an onCommand event`);
        assert.ok(commands.has(m[1]), `${step.id}: ${m[1]} is a contributed command`);
      }
      for (const id of linked) assert.ok(commands.has(id), `${step.id} links ${id}, a contributed command`);
      assert.ok(linked.some((id) => events.includes(`onCommand:${id}`)), `${step.id}: running its command completes it`);
    }
  });

  it('has a packaged page for each step, whose relative links resolve', () => {
    for (const step of walkthroughSteps()) {
      const page = step.media.markdown;
      assert.ok(page, `${step.id} has a markdown page`);
      assert.ok(existsSync(join(root, page)), `${page} exists`);
      assert.ok(isPackaged(page), `${page} is packaged`);
      for (const l of relativeLinks(page)) assert.ok(existsSync(join(root, l)) && isPackaged(l), `${page} links ${l}`);
    }
  });
});

describe('packaging', () => {
  it('.vscodeignore names only files that exist or that the build writes', () => {
    const files = shippableFiles();
    const stale = ignorePatterns.filter((p) => !files.some((f) => minimatch(f, p.replace(/^!/, ''), { dot: true })));
    assert.deepEqual(stale, [], 'patterns that match nothing');
  });

  it('packages the bundles the manifest loads and nothing from src, test or node_modules', () => {
    for (const f of [pkg.main.replace(/^\.\//, ''), 'dist/core.js', 'dist/webview.js', 'dist/summary.js', 'dist/early.js', 'dist/sync.js', 'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
      assert.ok(isPackaged(f), `${f} is packaged`);
    }
    for (const f of ['src/extension.ts', 'test/unit/manifest.test.ts', 'node_modules/lit/index.js', 'dist/extension.js.map', 'dist/cli.js', '.vscodeignore']) {
      assert.ok(!isPackaged(f), `${f} is left out`);
    }
  });

  it('has a CHANGELOG in Keep a Changelog form, with the current version', () => {
    const log = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    assert.match(log, /keepachangelog\.com/);
    assert.match(log, /^## \[Unreleased\]/m);
    assert.match(log, new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
  });

  it("resolves every relative link and image in the README to a file inside the .vsix", () => {
    // VS Code's extension page resolves relative links against the installed extension,
    // so whatever the README points at must exist and be packaged.
    const links = relativeLinks('README.md');
    assert.ok(links.some((l) => /\.(png|jpe?g|gif|webp)$/.test(l)), 'the README shows a screenshot');
    for (const l of links) {
      assert.ok(existsSync(join(root, l)), `${l} exists`);
      assert.ok(isPackaged(l), `${l} is packaged`);
    }
  });

  it('packages every file the manifest points at', () => {
    const c = pkg.contributes;
    const paths: string[] = [
      ...c.viewsContainers.activitybar.map((v: { icon: string }) => v.icon),
      ...Object.values(c.views).flat().map((v) => (v as { icon?: string }).icon).filter(Boolean),
      ...c.jsonValidation.map((j: { url: string }) => j.url),
      ...walkthroughSteps().flatMap((s) => Object.entries(s.media).filter(([k]) => k !== 'altText').map(([, v]) => v as string)),
    ];
    for (const raw of paths as string[]) {
      const p = posix.normalize(raw);
      assert.ok(existsSync(join(root, p)), `${p} exists`);
      assert.ok(isPackaged(p), `${p} is packaged`);
    }
  });
});
