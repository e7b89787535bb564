// The extension manifest and its translations stay consistent: every %key% of package.json is
// translated in English and French, every client string passed to vscode.l10n.t has its French
// translation (with the same placeholders), and every command the manifest names exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPackageRoot } from '../../server/src/node/resources';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = getPackageRoot();
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const manifestText = read('package.json');
const manifest = JSON.parse(manifestText);
const nlsEn = JSON.parse(read('package.nls.json')) as Record<string, string>;
const nlsFr = JSON.parse(read('package.nls.fr.json')) as Record<string, string>;
const bundleFr = JSON.parse(read('l10n/bundle.l10n.fr.json')) as Record<string, string>;
const clientSources = readdirSync(join(root, 'client/src'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, text: read(`client/src/${f}`) }));

const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

test('every %key% of package.json is translated in package.nls.json and package.nls.fr.json', () => {
  const keys = [...manifestText.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 20);
  for (const k of keys) {
    assert.ok(nlsEn[k], `package.nls.json lacks ${k}`);
    assert.ok(nlsFr[k], `package.nls.fr.json lacks ${k}`);
  }
  assert.deepEqual(Object.keys(nlsFr).sort(), Object.keys(nlsEn).sort(), 'both nls files have the same keys');
  const unused = Object.keys(nlsEn).filter((k) => !keys.includes(k));
  assert.deepEqual(unused, [], 'nls keys nobody uses');
});

test('every vscode.l10n.t string of the client has a French translation with the same placeholders', () => {
  const messages = new Set<string>();
  for (const { text } of clientSources) {
    for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) messages.add(m[1].replace(/\\'/g, "'"));
  }
  assert.ok(messages.size > 20);
  for (const msg of messages) {
    const fr = bundleFr[msg];
    assert.ok(fr, `l10n/bundle.l10n.fr.json lacks "${msg}"`);
    assert.deepEqual(placeholders(fr), placeholders(msg), `placeholders of "${msg}"`);
  }
  const stale = Object.keys(bundleFr).filter((k) => !messages.has(k));
  assert.deepEqual(stale, [], 'translations of strings the client no longer uses');
});

test('every command named by menus and welcome views is contributed and registered', () => {
  const contributed = new Set((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
  const commandsTs = clientSources.find((s) => s.file === 'commands.ts')!.text;
  const registered = new Set([...commandsTs.matchAll(/^\s+'(glossaire\.[\w.]+)':/gm)].map((m) => m[1]));
  registered.add('glossaire.ignoreWord'); // [IGNORE_WORD_COMMAND]
  for (const c of contributed) assert.ok(registered.has(c), `${c} is contributed but not registered in commands.ts`);
  for (const [menu, items] of Object.entries(manifest.contributes.menus as Record<string, { command: string }[]>)) {
    for (const item of items) assert.ok(contributed.has(item.command), `menu ${menu} names unknown ${item.command}`);
  }
  const welcome = Object.values(nlsEn).join('\n') + Object.values(nlsFr).join('\n');
  for (const m of welcome.matchAll(/\(command:(glossaire\.[\w.]+)/g)) {
    assert.ok(contributed.has(m[1]), `welcome content names unknown ${m[1]}`);
  }
  for (const c of manifest.contributes.commands as { command: string; category?: string }[]) {
    assert.equal(c.category, 'Glossaire', `${c.command} has the Glossaire category`);
  }
});

test('the manifest is complete for the Marketplace', () => {
  for (const k of ['displayName', 'description', 'icon', 'categories', 'keywords', 'engines', 'repository', 'license', 'publisher', 'main', 'l10n']) {
    assert.ok(manifest[k], `package.json lacks ${k}`);
  }
  const png = readFileSync(join(root, manifest.icon));
  assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
  assert.equal(png.readUInt32BE(16), 128, 'icon width');
  assert.equal(png.readUInt32BE(20), 128, 'icon height');
  assert.ok(existsSync(join(root, manifest.contributes.viewsContainers.activitybar[0].icon)));
  assert.ok(manifest.activationEvents.includes('onLanguage:markdown'));
  const settings = Object.keys(manifest.contributes.configuration.properties);
  for (const s of ['enable', 'severity', 'ignoreWords', 'glossaries', 'useBuiltinGlossary', 'languages', 'indexWorkspace']) {
    assert.ok(settings.includes(`glossaire.${s}`), `setting glossaire.${s} (GlossaireSettings) is contributed`);
  }
});

test('restricted mode: limited support, every setting that names a file restricted, described in both languages', () => {
  const untrusted = manifest.capabilities.untrustedWorkspaces as { supported: unknown; description?: string; restrictedConfigurations?: string[] };
  assert.equal(untrusted.supported, 'limited');
  const properties = manifest.contributes.configuration.properties as Record<string, { markdownDescription?: string }>;
  const restricted = new Set(untrusted.restrictedConfigurations ?? []);
  // A setting names files when its English description speaks of files, paths or glossaries to read.
  const nlsEn = JSON.parse(read('package.nls.json')) as Record<string, string>;
  const nlsFr = JSON.parse(read('package.nls.fr.json')) as Record<string, string>;
  for (const [name, p] of Object.entries(properties)) {
    const text = nlsEn[(p.markdownDescription ?? '').replace(/^%|%$/g, '')] ?? '';
    if (/\b(path|file|folder)s?\b/i.test(text) && /glossar/i.test(name)) assert.ok(restricted.has(name), `${name} names files but is not restricted`);
  }
  assert.ok(restricted.has('glossaire.glossaries'));
  for (const name of restricted) assert.ok(properties[name], `restricted ${name} is not a contributed setting`);
  const key = (untrusted.description ?? '').replace(/^%|%$/g, '');
  assert.ok(nlsEn[key] && nlsFr[key], `description ${untrusted.description} lacks a translation`);
});

test('README images: relative, shipped in the .vsix (.vscodeignore allow-list) and not rewritten to a repository URL', () => {
  const readme = read('README.md');
  const shipped = new Set(read('.vscodeignore').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1).trim()));
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  assert.ok(images.length > 0);
  for (const src of images) {
    assert.ok(!/^[a-z]+:/i.test(src), `${src}: an absolute URL (the repository URL is a placeholder)`);
    assert.ok(existsSync(join(root, src)), `${src} does not exist`);
    assert.ok(shipped.has(src), `${src} is not shipped (.vscodeignore)`);
  }
  assert.match(manifest.scripts.package, /--no-rewrite-relative-links/);
});
