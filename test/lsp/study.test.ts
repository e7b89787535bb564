/**
 * The study requests over stdio (dist/server.js): a course's concepts for the quiz, answer
 * checking, coverage groups from notes on disk and open notes (live text), and export; then the
 * same per course in a workspace with a course folder beside notes of the default course.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClient } from './lspClient';
import type { CoursesResult, CoverageResult, ExportGlossaryResult, StudyConceptsResult } from '../../server/src/shared/protocol';

const ROOT = join(__dirname, '..', '..', '..');

describe('study requests over stdio', { skip: !existsSync(join(ROOT, 'dist', 'server.js')) && 'dist/server.js not built' }, () => {
  let client: TestClient;
  let ws: string;

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'glossaire-study-'));
    writeFileSync(join(ws, 'a.md'), "# Cours\n\nL'**infogérance** et le **MCO** du SI.\n");
    writeFileSync(join(ws, 'b.md'), 'Le cloud, encore le **mco**, et la **tierce maintenance applicative** en plus.\n\n```\n**code**\n```\n');
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

describe('study requests per course over stdio', { skip: !existsSync(join(ROOT, 'dist', 'server.js')) && 'dist/server.js not built' }, () => {
  let client: TestClient;
  let ws: string;
  const uriOf = (...p: string[]) => `file://${join(ws, ...p)}`;

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'glossaire-study-courses-'));
    // The default course: notes outside every course folder (built-in glossary).
    writeFileSync(join(ws, 'intro.md'), "L'infogérance et le **PRA** du SI.\n");
    // A course folder: its Markdown glossary, two notes, one of which defines « pare-feu » its own way.
    mkdirSync(join(ws, 'reseaux'));
    writeFileSync(join(ws, 'reseaux', 'glossaire.md'), [
      '---', 'titre: Réseaux pour débutants', '---', '', '# Matériel', '',
      '## pare-feu', '', 'Filtre qui laisse passer ou bloque le trafic selon des règles.', '',
      '## concentrateur', '', 'Boîtier qui répète chaque trame sur tous ses ports.', '',
      '## passerelle', '', 'Machine par laquelle un réseau local sort vers les autres.', '',
    ].join('\n'));
    writeFileSync(join(ws, 'reseaux', 'td1.md'), '**Pare-feu** : la barrière entre ma box et internet.\n\nLa passerelle, encore la passerelle, et le **VLAN** et le **VLAN**.\n');
    writeFileSync(join(ws, 'reseaux', 'td2.md'), "Le **PRA** n'est pas au programme ; l'infogérance non plus.\n");
    // A term the glossary lacks, defined in a note only: a concept of the course for the quiz and the export.
    writeFileSync(join(ws, 'reseaux', 'td3.md'), '- **Routeur** : boîtier qui relie deux réseaux et choisit la route de chaque paquet.\n');
    client = await TestClient.start({ workspaceFolders: [ws], settings: {} });
    await client.waitFor(() => client.notifications.some((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'end'), 10_000, 'index');
  });

  after(async () => {
    if (client && client.proc.exitCode === null) client.proc.kill();
    rmSync(ws, { recursive: true, force: true });
  });

  test('courses: the default course and the course folder, with their concepts and notes; the course of a note', async () => {
    const r = await client.request<CoursesResult>('glossaire/courses', { uri: uriOf('reseaux', 'td2.md') });
    assert.deepEqual(r.courses.map((c) => [c.id, c.name, c.concepts, c.notes]).slice(1), [[uriOf('reseaux'), 'Réseaux pour débutants', 4, 3]]);
    assert.equal(r.courses[0].id, 'default');
    assert.match(r.courses[0].name, /Externalisation/);
    assert.equal(r.courses[0].notes, 1);
    assert.equal(r.active, uriOf('reseaux'));
    assert.equal((await client.request<CoursesResult>('glossaire/courses', { uri: uriOf('intro.md') })).active, 'default');
  });

  test('coverage per course: each course counts its own notes and concepts only', async () => {
    const reseaux = await client.request<CoverageResult>('glossaire/coverage', { course: uriOf('reseaux') });
    assert.equal(reseaux.course.name, 'Réseaux pour débutants');
    assert.deepEqual(reseaux.used.map((u) => [u.term, u.count]), [['passerelle', 2], ['pare-feu', 1]]);
    assert.deepEqual(reseaux.notYetUsed.map((c) => c.term), ['concentrateur']);
    // « infogérance » (built-in, in td2.md) is not a concept of this course; « PRA » and « VLAN » are defined nowhere.
    assert.deepEqual(reseaux.undefinedTerms.map((u) => [u.term, u.count]), [['VLAN', 2], ['PRA', 1]]);
    assert.ok(reseaux.undefinedTerms[1].locations.every((l) => l.uri === uriOf('reseaux', 'td2.md')));

    const def = await client.request<CoverageResult>('glossaire/coverage', { course: 'default' });
    assert.equal(def.used.find((u) => u.id === 'infogerance')?.count, 1, 'td2.md belongs to the other course');
    assert.deepEqual(def.undefinedTerms.map((u) => [u.term, u.locations.map((l) => l.uri)]), [['PRA', [uriOf('intro.md')]]]);
    assert.ok(!def.notYetUsed.some((c) => c.term === 'concentrateur'));
    assert.deepEqual((await client.request<CoverageResult>('glossaire/coverage', {})).course.id, 'default', 'no course named: the default one');
  });

  test('studyConcepts per course: its concepts, the student\'s harvested definition beside the glossary\'s; checkAnswer in the course', async () => {
    const r = await client.request<StudyConceptsResult>('glossaire/studyConcepts', { course: uriOf('reseaux') });
    assert.deepEqual(r.concepts.map((c) => c.term), ['pare-feu', 'concentrateur', 'passerelle', 'routeur']);
    const pf = r.concepts.find((c) => c.term === 'pare-feu')!;
    assert.match(pf.definition, /^Filtre qui laisse passer/);
    assert.match(pf.harvestedDefinition ?? '', /barrière entre ma box et internet/);
    assert.equal(pf.fromNotes, undefined, '« Pare-feu » in td1.md is the glossary\'s pare-feu, not a concept of its own');
    assert.equal(r.concepts.find((c) => c.term === 'concentrateur')!.harvestedDefinition, undefined);
    // The term only the notes define: its definition is the student's.
    const routeur = r.concepts.find((c) => c.term === 'routeur')!;
    assert.equal(routeur.fromNotes, true);
    assert.match(routeur.definition, /^boîtier qui relie deux réseaux/);
    assert.deepEqual(await client.request('glossaire/checkAnswer', { course: uriOf('reseaux'), id: routeur.id, answer: 'routeur' }), { grade: 'exact', expected: 'routeur' });

    const id = r.concepts.find((c) => c.term === 'concentrateur')!.id;
    assert.deepEqual(await client.request('glossaire/checkAnswer', { course: uriOf('reseaux'), id, answer: 'concentrateru' }), { grade: 'almost', expected: 'concentrateur' });
    assert.equal(await client.request('glossaire/checkAnswer', { course: 'default', id, answer: 'concentrateur' }), null, 'not a concept of the default course');

    const def = await client.request<StudyConceptsResult>('glossaire/studyConcepts', { course: 'default' });
    assert.ok(def.concepts.some((c) => c.id === 'infogerance'));
    assert.ok(!def.concepts.some((c) => c.term === 'pare-feu'));
    assert.ok(!def.concepts.some((c) => c.fromNotes), 'the notes of the other course define nothing for this one');
  });

  test('exportGlossary per course: the course\'s concepts, linked to its notes only', async () => {
    const md = await client.request<ExportGlossaryResult>('glossaire/exportGlossary', { course: uriOf('reseaux'), format: 'md', targetUri: uriOf('export.md') });
    assert.equal(md.concepts, 4);
    assert.match(md.content, /### routeur[\s\S]*?boîtier qui relie deux réseaux/);
    assert.match(md.content, /^# Réseaux pour débutants/);
    assert.match(md.content, /### passerelle[\s\S]*?\[reseaux\/td1\.md\]\(reseaux\/td1\.md#L3\) \(2\)/);
    assert.ok(!md.content.includes('infogérance'));
    const anki = await client.request<ExportGlossaryResult>('glossaire/exportGlossary', { course: uriOf('reseaux'), format: 'anki' });
    assert.match(anki.content, /\nglossaire-reseaux-pare-feu\tpare-feu\t/);
  });
});

describe('study requests when every note is in a course folder', { skip: !existsSync(join(ROOT, 'dist', 'server.js')) && 'dist/server.js not built' }, () => {
  let client: TestClient;
  let ws: string;

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'glossaire-study-one-course-'));
    mkdirSync(join(ws, 'droit'));
    writeFileSync(join(ws, 'droit', 'droit.glossaire.json'), JSON.stringify({
      name: 'Droit du numérique', language: 'fr', categories: [{ id: 'c', label: 'Notions' }],
      entries: [{ id: 'licence', term: 'licence', category: 'c', definition: 'Contrat qui autorise un usage d’une œuvre.' }],
    }));
    writeFileSync(join(ws, 'droit', 'td.md'), 'Une licence libre, et le **RGPD**.\n');
    client = await TestClient.start({ workspaceFolders: [ws], settings: {} });
    await client.waitFor(() => client.notifications.some((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'end'), 10_000, 'index');
  });

  after(async () => {
    if (client && client.proc.exitCode === null) client.proc.kill();
    rmSync(ws, { recursive: true, force: true });
  });

  test('no default course; a request naming no course (or an unknown one) is about the only course', async () => {
    const r = await client.request<CoursesResult>('glossaire/courses', {});
    assert.deepEqual(r.courses.map((c) => [c.name, c.concepts, c.notes]), [['Droit du numérique', 1, 1]]);
    assert.equal(r.active, undefined);
    for (const course of [undefined, 'file:///nowhere']) {
      const cov = await client.request<CoverageResult>('glossaire/coverage', course ? { course } : {});
      assert.equal(cov.course.name, 'Droit du numérique');
      assert.deepEqual(cov.used.map((u) => [u.id, u.count]), [['licence', 1]]);
      assert.deepEqual(cov.undefinedTerms.map((u) => u.term), ['RGPD']);
    }
  });
});
