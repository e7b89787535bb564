/**
 * The study requests over stdio (dist/server.js): a course's concepts for the quiz, answer
 * checking, coverage groups from notes on disk and open notes (live text), and export.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClient } from './lspClient';
import type { CoverageResult, ExportGlossaryResult, StudyConceptsResult } from '../../server/src/shared/protocol';

const ROOT = join(__dirname, '..', '..', '..');

describe('study requests over stdio', { skip: !existsSync(join(ROOT, 'dist', 'server.js')) && 'dist/server.js not built' }, () => {
  let client: TestClient;
  let ws: string;

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'glossaire-study-'));
    writeFileSync(join(ws, 'a.md'), "# Cours\n\nL'**infogérance** et le **MCO** du SI.\n");
    writeFileSync(join(ws, 'b.md'), 'Le cloud, encore le **mco**, et la **tierce maintenance applicative** :\n\n```\n**code**\n```\n');
    client = await TestClient.start({ workspaceFolders: [ws], settings: {} });
    await client.waitFor(() => client.notifications.some((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'end'), 5000, 'index');
  });

  after(async () => {
    if (client && client.proc.exitCode === null) client.proc.kill();
    rmSync(ws, { recursive: true, force: true });
  });

  test('studyConcepts: every concept of the default course with its definition and accepted names', async () => {
    const r = await client.request<StudyConceptsResult>('glossaire/studyConcepts', {});
    assert.equal(r.course.id, 'default');
    assert.match(r.course.name, /Externalisation/);
    const saas = r.concepts.find((c) => c.id === 'saas')!;
    assert.ok(saas.definition.length > 20);
    assert.ok(saas.names.includes('SaaS'));
    assert.equal(saas.harvestedDefinition, undefined);
  });

  test('checkAnswer: exact, tolerant, almost with the right spelling, wrong, unknown concept', async () => {
    const check = (id: string, answer: string) => client.request<{ grade: string; expected: string } | null>('glossaire/checkAnswer', { id, answer });
    assert.deepEqual(await check('infogerance', 'infogérance'), { grade: 'exact', expected: 'infogérance' });
    assert.deepEqual(await check('infogerance', 'INFOGERANCE'), { grade: 'tolerant', expected: 'infogérance' });
    assert.deepEqual(await check('infogerance', 'inforgerance'), { grade: 'almost', expected: 'infogérance' });
    assert.equal((await check('infogerance', 'cloud'))!.grade, 'wrong');
    assert.equal(await check('nope', 'x'), null);
    assert.equal(await client.request('glossaire/checkAnswer', { id: 'saas' }), null, 'no answer: null, no crash');
  });

  test('coverage: used concepts, the ones not yet in the notes, bold terms defined nowhere; open notes count with their live text', async () => {
    let cov = await client.request<CoverageResult>('glossaire/coverage', {});
    const used = Object.fromEntries(cov.used.map((u) => [u.id, u.count]));
    assert.equal(used.infogerance, 1);
    assert.equal(used.cloud, 1);
    assert.ok(cov.notYetUsed.some((c) => c.id === 'saas'));
    assert.ok(!cov.notYetUsed.some((c) => c.id === 'infogerance'));
    assert.deepEqual(cov.undefinedTerms.map((u) => [u.term, u.count]), [['MCO', 2], ['tierce maintenance applicative', 1]]);
    const mco = cov.undefinedTerms[0];
    assert.deepEqual(mco.locations.map((l) => [l.uri.replace(/^.*\//, ''), l.range.start.line, l.range.start.character, l.range.end.character]),
      [['a.md', 2, 26, 29], ['b.md', 0, 22, 25]], 'the range covers the bold text, not its asterisks');

    // Open b.md with other text: its live text replaces the indexed file.
    const uri = `file://${join(ws, 'b.md')}`;
    await client.open(uri, 'Le **SaaS** et le **PRA**.\r\n');
    await client.diagnosticsFor(uri, 1);
    cov = await client.request<CoverageResult>('glossaire/coverage', { course: 'default' });
    assert.deepEqual(cov.undefinedTerms.map((u) => [u.term, u.count]), [['MCO', 1], ['PRA', 1]]);
    assert.ok(!cov.notYetUsed.some((c) => c.id === 'saas'));
    assert.ok(!cov.used.some((c) => c.id === 'cloud'));
    await client.close(uri);
  });

  test('exportGlossary: Markdown linked relative to the target, Anki, CSV', async () => {
    const md = await client.request<ExportGlossaryResult>('glossaire/exportGlossary', { format: 'md', targetUri: `file://${join(ws, 'export', 'glossaire.md')}` });
    assert.ok(md.concepts > 10);
    assert.match(md.content, /^# Externalisation/);
    assert.match(md.content, /### infogérance[\s\S]*?\[a\.md\]\(\.\.\/a\.md#L3\) \(1\)/);
    const anki = await client.request<ExportGlossaryResult>('glossaire/exportGlossary', { format: 'anki', reverse: true });
    assert.match(anki.content, /^#separator:tab\n#html:true\n#notetype:Basique \(avec carte inversée\)\n#deck:Glossaire::Externalisation/);
    const csv = await client.request<ExportGlossaryResult>('glossaire/exportGlossary', { format: 'csv' });
    assert.match(csv.content, /^identifiant,terme,/);
    assert.equal(csv.content.split('\r\n').length, csv.concepts + 2);
  });
});
