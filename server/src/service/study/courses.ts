/**
 * Courses for the study tools. A course is the glossary chain of a course folder: the notes
 * under a folder that holds a workspace glossary (and under no deeper one) share a chain, so
 * they are one course; the notes outside every such folder use the built-in glossary and the
 * glossaries of the settings, the "default" course. A course's concepts are the entries of its
 * own glossaries (the files of its folder; for the default course, the files that apply
 * everywhere): the farther glossaries of its chain still define terms, but they are other
 * courses' matter. Pure: works on URIs as strings.
 */

import { appliesTo } from '../scope';
import { fold } from '../text';

/** Id of the course of the notes outside every course folder (built-in + settings glossaries). */
export const DEFAULT_COURSE = 'default';

/** A glossary file as the study tools see it: its URI and the folder it covers ('' = everywhere). */
export interface CourseFile {
  uri: string;
  folder: string;
}

/**
 * The course of a note: the deepest folder among `courseFolders` (folders of workspace
 * glossaries) that holds the note, or DEFAULT_COURSE.
 */
export function courseIdOf(noteUri: string, courseFolders: readonly string[]): string {
  let best = '';
  for (const f of courseFolders) if (f !== '' && f.length > best.length && appliesTo(f, noteUri)) best = f;
  return best || DEFAULT_COURSE;
}

/** The folders of the workspace glossaries, each once, sorted (a course per folder). */
export function courseFolders(files: readonly CourseFile[]): string[] {
  return [...new Set(files.map((f) => f.folder).filter((f) => f !== ''))].sort();
}

/**
 * Every course: one per course folder, and the default course when a note lies outside every
 * course folder or when there is no course folder at all (the built-in course alone). Default
 * first, then by folder.
 */
export function listCourseIds(files: readonly CourseFile[], noteUris: Iterable<string>): string[] {
  const folders = courseFolders(files);
  let outside = folders.length === 0;
  if (!outside) {
    for (const uri of noteUris) {
      if (courseIdOf(uri, folders) === DEFAULT_COURSE) {
        outside = true;
        break;
      }
    }
  }
  return outside ? [DEFAULT_COURSE, ...folders] : folders;
}

/** The glossary files whose entries are the course's concepts (see the file's comment). */
export function ownFiles<T extends CourseFile>(files: readonly T[], courseId: string): T[] {
  const folder = courseId === DEFAULT_COURSE ? '' : courseId;
  return files.filter((f) => f.folder === folder);
}

/**
 * A note URI that stands for the course when asking for its chain: a name no real note has, in
 * the course folder ('' for the default course: the glossary of notes outside every folder).
 */
export function courseProbeUri(courseId: string): string {
  return courseId === DEFAULT_COURSE ? '' : `${courseId}/\u0000course.md`;
}

/**
 * A glossary file's title: the JSON `name`, or the Markdown glossary's front matter `titre:`
 * (`title:`, `nom:`, `name:`); undefined when it has none.
 */
export function glossaryTitle(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const name = (JSON.parse(text) as { name?: unknown }).name;
      return typeof name === 'string' && name.trim() ? name.trim() : undefined;
    } catch {
      return undefined;
    }
  }
  const head = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text.slice(0, 4096));
  if (!head) return undefined;
  const m = /^(?:titre|title|nom|name)[ \t]*:[ \t]*(.*)$/im.exec(head[1]);
  const value = m?.[1].trim().replace(/^(["'])(.*)\1$/, '$2').trim();
  return value || undefined;
}

/** The last segment of a folder URI, decoded ("file:///w/cours%20r%C3%A9seaux" → "cours réseaux"). */
export function folderName(folder: string): string {
  const last = folder.slice(folder.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * The student's definitions of a course's concepts: for each concept, the first harvested
 * definition whose term is one of the concept's names (accents and case aside).
 */
export function matchHarvested(
  concepts: readonly { id: string; term: string; names: readonly string[] }[],
  harvested: readonly { term: string; names: readonly string[]; definition: string }[],
): Map<string, string> {
  const byName = new Map<string, string>();
  for (const h of harvested) {
    for (const n of [h.term, ...h.names]) {
      const key = fold(n);
      if (!byName.has(key)) byName.set(key, h.definition);
    }
  }
  const out = new Map<string, string>();
  for (const c of concepts) {
    for (const n of [c.term, ...c.names]) {
      const d = byName.get(fold(n));
      if (d !== undefined) {
        out.set(c.id, d);
        break;
      }
    }
  }
  return out;
}

/**
 * The terms a course's notes define that none of its concepts names (accents and case aside),
 * each once (the first definition of a name wins): concepts of their own for the quiz and the
 * export, so that a course whose glossary is thin, or that has none, is studied from what its
 * notes define.
 */
export function notesOnlyTerms<T extends { term: string; names: readonly string[] }>(
  concepts: readonly { term: string; names: readonly string[] }[],
  harvested: readonly T[],
): T[] {
  const taken = new Set<string>();
  for (const c of concepts) for (const n of [c.term, ...c.names]) taken.add(fold(n));
  const out: T[] = [];
  for (const h of harvested) {
    const names = [h.term, ...h.names].map((n) => fold(n));
    if (names.some((n) => taken.has(n))) continue;
    for (const n of names) taken.add(n);
    out.push(h);
  }
  return out;
}
