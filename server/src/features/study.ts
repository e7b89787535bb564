/**
 * Study requests (see protocol.ts): a course's concepts for the quiz, answer checking,
 * coverage of the course by the notes, and export. Thin glue over service/study/.
 */

import { URI } from 'vscode-uri';
import { ServerContext } from '../lsp/context';
import { runSafe } from '../lsp/runSafe';
import { Glossary, GlossaryEntry } from '../service/glossary';
import { Range } from '../service/positions';
import { computeCoverage, findBoldTerms, NoteBoldTerms } from '../service/study/coverage';
import { courseFolders, courseIdOf, courseProbeUri, DEFAULT_COURSE, folderName, glossaryTitle, listCourseIds, matchHarvested, notesOnlyTerms, ownFiles } from '../service/study/courses';
import { collectUses, EXPORT_FORMATS, formatExport, relativePath, toExportConcepts } from '../service/study/export';
import { matchAnswer } from '../service/study/matching';
import {
  CheckAnswerRequest, CheckAnswerResult, CourseInfo, CoursesRequest, CoursesResult, CoverageRequest, CoverageResult, ExportGlossaryRequest, ExportGlossaryResult,
  StudyConceptsRequest, StudyConceptsResult,
} from '../shared/protocol';

/** A course: its glossary and which notes belong to it. */
interface Course {
  info: CourseInfo;
  /** Stable short name of the course (Anki GUIDs). */
  slug: string;
  /** The course's chain composed: every term its notes get (farther glossaries, harvested definitions). */
  glossary: Glossary;
  /** The course's own concepts (entries of its own glossary files), in glossary order. */
  concepts: GlossaryEntry[];
  /** True for a note (URI) of this course. */
  hasNote(uri: string): boolean;
}

/** The glossary files in use, as course files (URI and folder). */
function courseFiles(ctx: ServerContext): { uri: string; folder: string; origin: string }[] {
  return ctx.store.loadedFiles().map((f) => ({ uri: f.uri, folder: f.folder, origin: f.origin }));
}

/** The notes the server knows: open checked documents and indexed files. */
function knownNotes(ctx: ServerContext): Set<string> {
  const out = new Set(ctx.index.uris());
  for (const doc of ctx.documents.all()) if (ctx.isChecked(doc)) out.add(doc.uri);
  return out;
}

/**
 * The course a request names: that course folder, the default course when none is named (or the
 * only course when every note is in a course folder). An unknown id falls back the same way.
 */
function resolveCourse(ctx: ServerContext, id: string | undefined): Course {
  const files = courseFiles(ctx);
  const folders = courseFolders(files);
  const ids = listCourseIds(files, knownNotes(ctx));
  const courseId = id !== undefined && (id === DEFAULT_COURSE || folders.includes(id)) ? id : ids[0] ?? DEFAULT_COURSE;
  const own = ownFiles(files, courseId);
  const ownUris = new Set(own.map((f) => f.uri));
  const glossary = ctx.store.forUri(courseProbeUri(courseId));
  const concepts = glossary.entries.filter((e) => ownUris.has(e.uri));
  const titled = own.map((f) => glossaryTitle(ctx.store.compiledTextOf(f.uri))).find((n) => n);
  const name = titled ?? (courseId === DEFAULT_COURSE ? 'Glossaire' : folderName(courseId));
  // Anki GUIDs stay the same across exports of the same course.
  const first = own[0];
  const slug = courseId !== DEFAULT_COURSE
    ? folderName(courseId).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'course'
    : !first || first.origin === 'builtin' ? 'builtin' : (first.uri.split('/').pop() ?? 'course').replace(/(\.glossaire)?\.json$/i, '');
  return { info: { id: courseId, name }, slug, glossary, concepts, hasNote: (uri) => courseIdOf(uri, folders) === courseId };
}

/** The definitions the course's notes write (harvested entries), in note order. */
function harvestedEntries(ctx: ServerContext, course: Course): GlossaryEntry[] {
  const out: GlossaryEntry[] = [];
  if (!ctx.store.harvesting) return out;
  for (const h of ctx.store.harvestedGroups()) {
    for (const e of h.glossary.entries) if (course.hasNote(e.uri)) out.push(e);
  }
  return out;
}

/** The definitions the course's notes write, as matchHarvested takes them. */
function harvestedOf(ctx: ServerContext, course: Course): { term: string; names: string[]; definition: string }[] {
  return harvestedEntries(ctx, course).map((e) => ({ term: e.term, names: e.allForms, definition: e.definition }));
}

/**
 * What the course is studied from: its own concepts, then the terms only its notes define
 * (notesOnlyTerms), marked as such. An id a concept has already is not taken twice.
 */
function studiedConcepts(ctx: ServerContext, course: Course): { entry: GlossaryEntry; fromNotes: boolean }[] {
  const out = course.concepts.map((entry) => ({ entry, fromNotes: false }));
  const ids = new Set(course.concepts.map((e) => e.id));
  const harvested = harvestedEntries(ctx, course).map((e) => ({ term: e.term, names: e.allForms, entry: e }));
  for (const { entry } of notesOnlyTerms(course.concepts.map((e) => ({ term: e.term, names: e.allForms })), harvested)) {
    // Two course folders' parts may give one id to two spellings ("C++", "C#"): the first stays.
    if (ids.has(entry.id)) continue;
    ids.add(entry.id);
    out.push({ entry, fromNotes: true });
  }
  return out;
}

/** The student's definitions of the course's concepts, by concept id. */
function harvestedDefinitions(ctx: ServerContext, course: Course): Map<string, string> {
  return matchHarvested(course.concepts.map((e) => ({ id: e.id, term: e.term, names: e.allForms })), harvestedOf(ctx, course));
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
    const terms = findBoldTerms(text, found).map((b) => ({ text: b.text, range: lines.rangeAt(b.start, b.end), weak: b.weak }));
    if (terms.length > 0) bold.push({ uri: doc.uri, terms });
  }
  for (const [id, n] of ctx.index.counts(open, course.hasNote)) counts.set(id, (counts.get(id) ?? 0) + n);
  for (const note of ctx.index.bold(open)) if (course.hasNote(note.uri)) bold.push(note);
  return { counts, bold, occurrences };
}

/** Registers glossaire/courses, glossaire/studyConcepts, glossaire/checkAnswer, glossaire/coverage and glossaire/exportGlossary. */
export function registerStudy(ctx: ServerContext): void {
  const { connection } = ctx;
  const noCourse: CourseInfo = { id: DEFAULT_COURSE, name: '' };

  connection.onRequest(CoursesRequest, (params, token) =>
    runSafe<CoursesResult>(connection, 'courses', token, { courses: [] }, () => {
      const notes = knownNotes(ctx);
      const files = courseFiles(ctx);
      const folders = courseFolders(files);
      const perCourse = new Map<string, number>();
      for (const uri of notes) {
        const id = courseIdOf(uri, folders);
        perCourse.set(id, (perCourse.get(id) ?? 0) + 1);
      }
      const courses = listCourseIds(files, notes).map((id) => {
        const c = resolveCourse(ctx, id);
        return { ...c.info, concepts: studiedConcepts(ctx, c).length, notes: perCourse.get(id) ?? 0 };
      });
      const uri = typeof params?.uri === 'string' ? params.uri : undefined;
      const active = uri ? courseIdOf(uri, folders) : undefined;
      return { courses, active: active && courses.some((c) => c.id === active) ? active : undefined };
    }),
  );

  connection.onRequest(StudyConceptsRequest, (params, token) =>
    runSafe<StudyConceptsResult>(connection, 'studyConcepts', token, { course: noCourse, concepts: [] }, () => {
      const course = resolveCourse(ctx, params?.course);
      const harvested = harvestedDefinitions(ctx, course);
      return {
        course: course.info,
        concepts: studiedConcepts(ctx, course).map(({ entry: e, fromNotes }) => ({
          id: e.id, term: e.term, categoryLabel: e.categoryLabel, definition: e.definition, names: e.allForms,
          ...(fromNotes ? { fromNotes: true } : { harvestedDefinition: harvested.get(e.id) }),
        })),
      };
    }),
  );

  connection.onRequest(CheckAnswerRequest, (params, token) =>
    runSafe<CheckAnswerResult | null>(connection, 'checkAnswer', token, null, () => {
      const course = typeof params?.id === 'string' ? resolveCourse(ctx, params.course) : undefined;
      const entry = course && studiedConcepts(ctx, course).find((c) => c.entry.id === params.id)?.entry;
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
        concepts: course.concepts.map((e) => ({ id: e.id, term: e.term, names: e.allForms })),
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
      const studied = studiedConcepts(ctx, course).map((c) => c.entry);
      // Notes that are not open: their first line per concept from the index.
      for (const e of studied) {
        for (const r of ctx.index.references(e.id)) {
          if (!course.hasNote(r.uri) || (byNote.has(r.uri) && ctx.documents.get(r.uri))) continue;
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
        { title: course.info.name, courseId: course.slug, concepts: toExportConcepts({ entries: studied }, (id) => uses.get(id) ?? []) },
        format, ctx.locale, { reverse: params.reverse === true },
      );
      return { content, concepts: studied.length };
    }),
  );
}
