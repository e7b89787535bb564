// The web build's guarantees (VS Code for the Web runs the server in a web worker): the pure
// core (server/src/service/) bundles for a platform without Node and runs in a context that
// has only the language's built-ins and the web's TextEncoder/TextDecoder (no process, Buffer,
// require, setImmediate…); the web server's bundle pulls in nothing Node-only of ours.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { getBuiltinGlossaryPath, getShippedLexiconPath } from '../../server/src/node/resources';
import { ROOT } from './helpers';

const SERVICE = join(ROOT, 'server', 'src', 'service');
/** Node's own globals, which a browser's worker does not have. */
const NODE_GLOBALS = /\b(process|Buffer|require|__dirname|__filename|setImmediate|global)\b\s*[.([]/;

/** Bundles `contents` (resolved from the service folder) for `platform`; returns the code and its inputs. */
async function bundle(contents: string, platform: 'neutral' | 'browser', format: 'cjs' | 'iife' = 'cjs') {
  const out = await build({
    stdin: { contents, resolveDir: SERVICE, sourcefile: 'entry.ts', loader: 'ts' },
    bundle: true, platform, format, write: false, metafile: true, logLevel: 'silent',
    mainFields: ['browser', 'module', 'main'],
  });
  return { code: out.outputFiles[0].text, inputs: Object.keys(out.metafile.inputs) };
}

describe('the pure core without Node', () => {
  const modules = readdirSync(SERVICE).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));

  it('every service/ module bundles for a platform without Node built-ins, importing only service/ and jsonc-parser', async () => {
    assert.ok(modules.length >= 10 && modules.includes('analyze'));
    const { inputs } = await bundle(modules.map((m) => `export * as ${m} from './${m}';`).join('\n'), 'neutral');
    const ours = inputs.filter((i) => !i.includes('node_modules/') && i !== 'entry.ts');
    const outside = ours.filter((i) => !relative(ROOT, join(ROOT, i)).startsWith(join('server', 'src', 'service')));
    assert.deepEqual(outside, [], 'service/ imports files outside itself');
    const packages = [...new Set(inputs.filter((i) => i.includes('node_modules/')).map((i) => i.split('node_modules/')[1].split('/')[0]))];
    assert.deepEqual(packages, ['jsonc-parser']);
  });

  it('no service/ source names a Node global', () => {
    for (const m of modules) {
      const text = readFileSync(join(SERVICE, `${m}.ts`), 'utf8')
        .replace(/\/\*[^]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''");
      assert.doesNotMatch(text, NODE_GLOBALS, `${m}.ts`);
    }
  });

  it('compiles the built-in glossary, loads the lexicon and analyses a note in a context with no Node globals', async () => {
    const { code } = await bundle(`
      export { compileGlossary } from './glossary';
      export { analyzeText } from './analyze';
      export { createFrontCodedLexicon } from './frontCoded';
      export { getFixAllEdits, applyEdits } from './fixes';`, 'neutral');
    const sandbox: Record<string, unknown> = {
      module: { exports: {} }, TextEncoder, TextDecoder,
      glossaryText: readFileSync(getBuiltinGlossaryPath(), 'utf8'),
      lexiconBytes: new Uint8Array(readFileSync(getShippedLexiconPath())),
    };
    (sandbox.module as { exports: unknown }).exports = {};
    const result = runInNewContext(`
      var exports = module.exports;
      ${code}
      var core = module.exports;
      if (typeof process !== 'undefined' || typeof Buffer !== 'undefined' || typeof require !== 'undefined') throw new Error('Node globals leaked');
      var lexicon = core.createFrontCodedLexicon(lexiconBytes);
      var glossary = core.compileGlossary([{ uri: 'builtin.json', text: glossaryText, builtin: true }], { locale: 'fr', lexicon: lexicon });
      var note = 'L\\u2019inforg\\u00e9rance et la d\\u00e9location, puis la localisation.';
      var a = core.analyzeText(note, glossary, { lexicon: function () { return lexicon; } });
      ({ entries: glossary.entries.length, words: lexicon.size,
         found: a.findings.map(function (f) { return note.slice(f.start, f.end); }),
         fixed: core.applyEdits(note, core.getFixAllEdits(a.findings)) })`, sandbox);
    assert.ok(result.entries > 20 && result.words > 100_000, JSON.stringify(result).slice(0, 200));
    assert.deepEqual([...result.found], ['inforgérance', 'délocation']);
    assert.equal(result.fixed, 'L’infogérance et la délocalisation, puis la localisation.');
  });
});

describe('the web server bundle', () => {
  it('bundles for the browser with no Node-only file of ours (node/, cli/, idle GC, stdio)', async () => {
    const { code, inputs } = await bundle(`import '../browser/main';`, 'browser', 'iife');
    const ours = inputs.filter((i) => i.startsWith('server/'));
    assert.ok(ours.some((i) => i.endsWith('browser/browserHost.ts')) && ours.some((i) => i.endsWith('lsp/server.ts')));
    const nodeOnly = ours.filter((i) => /server\/src\/(node|cli)\/|idleGc|lsp\/main\.ts/.test(i));
    assert.deepEqual(nodeOnly, []);
    assert.ok(!inputs.some((i) => /vscode-languageserver\/lib\/node\//.test(i)), 'the Node transport is not bundled');
    assert.ok(code.length > 10_000);
  });
});
