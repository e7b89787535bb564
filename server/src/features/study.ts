/**
 * Study requests (see protocol.ts): a course's concepts for the quiz, answer checking,
 * coverage of the course by the notes, and export. Thin glue over service/study/.
 */

import { URI } from 'vscode-uri';
import { ServerContext } from '../lsp/context';
import { runSafe } from '../lsp/runSafe';
import { Glossary } from '../service/glossary';
import { Range } from '../service/positions';
import { computeCoverage, findBoldTerms, NoteBoldTerms } from '../service/study/coverage';
import { collectUses, EXPORT_FORMATS, formatExport, readGlossaryName, relativePath, toExportConcepts } from '../service/study/export';
import { matchAnswer } from '../service/study/matching';
import {
  CheckAnswerRequest, CheckAnswerResult, CourseInfo, CoverageRequest, CoverageResult, ExportGlossaryRequest, ExportGlossaryResult,
  StudyConceptsRequest, StudyConceptsResult,
} from '../shared/protocol';

/** Id of the current glossary as a course (the only one until courses per folder exist). */
export const DEFAULT_COURSE = 'default';

/** A course: its glossary and which notes belong to it. */
interface Course {
  info: CourseInfo;
  /** Stable short name of the course's glossary file (Anki GUIDs). */
  slug: string;
  glossary: Glossary;
  /** True for a note (URI) of this course. */
  hasNote(uri: string): boolean;
}

/**
 * The course a request names. Hook for glossaries per course folder: today every id (and none)
 * is the current glossary over every note.
 */
function resolveCourse(ctx: ServerContext, _id: string | undefined): Course {
  const glossary = ctx.store.current;
  const first = glossary.entries[0]?.uri ?? ctx.store.uris[0];
  const name = readGlossaryName(first ? glossary.sources.get(first) : undefined) ?? 'Glossaire';
  // Anki GUIDs stay the same across exports of the same glossary file.
  const slug = !first || first === ctx.store.uris[0] && /externalisation\.json$/.test(first) ? 'builtin' : (first.split('/').pop() ?? 'course').replace(/(\.glossaire)?\.json$/i, '');
  return { info: { id: DEFAULT_COURSE, name }, slug, glossary, hasNote: () => true };
}

/**
 * Definitions harvested from the course's notes, by concept id or term. Hook for the harvesting
 * of definitions written in the notes: none yet.
 */
function harvestedDefinitions(_ctx: ServerContext, _course: Course): Map<string, string> {
  return new Map();
}

/** Every note of the course: open ones with their live analysis, the others from the index. */
function courseNotes(ctx: ServerContext, course: Course): {
  counts: Map<string, number>;
  bold: NoteBoldTerms<Range>[];
  occurrences: { uri: string; entryId: string; line: number }[];
} {
  const counts = new Map<string, number>();
  const bold: NoteBoldTerms<Range>[] = [];
  const occurrences: { uri: string; entryId: string; line: number }[] = [];
  const open = new Set<string>();
  for (const doc of ctx.documents.all()) {
    if (!ctx.isChecked(doc) || !course.hasNote(doc.uri)) continue;
    open.add(doc.uri);
    const lines = ctx.lines(doc);
    const found = ctx.cache.get(doc).occurrences;
    for (const o of found) {
      counts.set(o.entryId, (counts.get(o.entryId) ?? 0) + 1);
      occurrences.push({ uri: doc.uri, entryId: o.entryId, line: lines.positionAt(o.start).line });
    }
    const text = doc.getText();
    const terms = findBoldTerms(text, found).map((b) => ({ text: b.text, range: lines.rangeAt(b.start, b.end) }));
    if (terms.length > 0) bold.push({ uri: doc.uri, terms });
  }
  for (const [id, n] of ctx.index.counts(open)) counts.set(id, (counts.get(id) ?? 0) + n);
  for (const note of ctx.index.bold(open)) if (course.hasNote(note.uri)) bold.push(note);
  return { counts, bold, occurrences };
}

/** Registers glossaire/studyConcepts, glossaire/checkAnswer, glossaire/coverage and glossaire/exportGlossary. */
export function registerStudy(ctx: ServerContext): void {
  const { connection } = ctx;
  const noCourse: CourseInfo = { id: DEFAULT_COURSE, name: '' };

  connection.onRequest(StudyConceptsRequest, (params, token) =>
    runSafe<StudyConceptsResult>(connection, 'studyConcepts', token, { course: noCourse, concepts: [] }, () => {
      const course = resolveCourse(ctx, params?.course);
      const harvested = harvestedDefinitions(ctx, course);
      return {
        course: course.info,
        concepts: course.glossary.entries.map((e) => ({
          id: e.id, term: e.term, categoryLabel: e.categoryLabel, definition: e.definition, names: e.allForms,
          harvestedDefinition: harvested.get(e.id),
        })),
      };
    }),
  );

  connection.onRequest(CheckAnswerRequest, (params, token) =>
    runSafe<CheckAnswerResult | null>(connection, 'checkAnswer', token, null, () => {
      const entry = typeof params?.id === 'string' ? resolveCourse(ctx, params.course).glossary.byId.get(params.id) : undefined;
      if (!entry || typeof params.answer !== 'string') return null;
      const m = matchAnswer(params.answer, { term: entry.term, alternatives: entry.allForms });
      return { grade: m.grade, expected: m.expected };
    }),
  );

  connection.onRequest(CoverageRequest, (params, token) =>
    runSafe<CoverageResult>(connection, 'coverage', token, { course: noCourse, used: [], notYetUsed: [], undefinedTerms: [] }, () => {
      const course = resolveCourse(ctx, params?.course);
      const { counts, bold } = courseNotes(ctx, course);
      const coverage = computeCoverage({
        concepts: course.glossary.entries.map((e) => ({ id: e.id, term: e.term, names: e.allForms })),
        counts,
        bold,
        otherDefinedTerms: harvestedDefinitions(ctx, course).keys(),
      });
      return { course: course.info, ...coverage };
    }),
  );

  connection.onRequest(ExportGlossaryRequest, (params, token) =>
    runSafe<ExportGlossaryResult>(connection, 'exportGlossary', token, { content: '', concepts: 0 }, () => {
      const format = (EXPORT_FORMATS as string[]).includes(params?.format) ? params.format : 'md';
      const course = resolveCourse(ctx, params?.course);
      const target = params.targetUri ? URI.parse(params.targetUri) : undefined;
      const byNote = new Map<string, { entryId: string; line: number }[]>();
      for (const o of courseNotes(ctx, course).occurrences) {
        let list = byNote.get(o.uri);
        if (!list) byNote.set(o.uri, (list = []));
        list.push(o);
      }
      // Notes that are not open: their first line per concept from the index.
      for (const e of course.glossary.entries) {
        for (const r of ctx.index.references(e.id)) {
          if (byNote.has(r.uri) && ctx.documents.get(r.uri)) continue;
          let list = byNote.get(r.uri);
          if (!list) byNote.set(r.uri, (list = []));
          list.push({ entryId: e.id, line: r.range.start.line });
        }
      }
      const notes = [...byNote].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([uri, occurrences]) => {
        const u = URI.parse(uri);
        const href = target && u.scheme === target.scheme ? relativePath(target.path, u.path) : uri;
        return { label: href.startsWith('../') || href.includes(':') ? u.path.split('/').pop() ?? uri : href, href, occurrences };
      });
      const uses = collectUses(notes);
      const content = formatExport(
        { title: course.info.name, courseId: course.slug, concepts: toExportConcepts(course.glossary, (id) => uses.get(id) ?? []) },
        format, ctx.locale, { reverse: params.reverse === true },
      );
      return { content, concepts: course.glossary.entries.length };
    }),
  );
}
