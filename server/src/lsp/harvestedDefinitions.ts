/**
 * The definitions harvested from the notes (harvest.ts), kept per note and compiled per course
 * folder (harvested.ts) when a chain first needs them. The store puts a course's part last in
 * the chains of its notes and drops those chains when the course's definitions change.
 */

import { Glossary, GlossaryEntry } from '../service/glossary';
import { compileHarvested, HarvestedNote, NoteDefinition } from '../service/harvested';
import { Locale, t } from '../service/messages';
import { LineIndex } from '../service/positions';

/** A course folder's definitions compiled, with the line and character of each term. */
export interface HarvestedPart {
  glossary: Glossary;
  /** By "note URI#entry id". */
  positions: Map<string, { line: number; character: number }>;
}

/** What a change of a note did to its course's definitions. */
export interface HarvestChange {
  /** The note's course folder (its part was dropped). */
  folder: string;
  /** Terms or definitions changed (the chains of the folder are stale), not only positions. */
  definitionsChanged: boolean;
}

/** The harvested definitions of the workspace's notes. */
export class HarvestedDefinitions {
  /** Turns a note's text into its definitions; undefined: harvesting is off. */
  private harvester: ((text: string, segments?: readonly number[]) => NoteDefinition[]) | undefined;
  private readonly notes = new Map<string, HarvestedNote & { key: string }>();
  private readonly parts = new Map<string, HarvestedPart>();

  /**
   * @param courseFolder the course folder of a note (it moves when glossary files come and go:
   *   call `clearParts` then)
   * @param locale the language of the parts' label
   */
  constructor(private readonly courseFolder: (noteUri: string) => string, private readonly locale: () => Locale) {}

  /** True when harvesting is on. */
  get on(): boolean {
    return this.harvester !== undefined;
  }

  /** Harvesting on (with the harvester) or off; false when it was already so. */
  setHarvester(harvester: ((text: string, segments?: readonly number[]) => NoteDefinition[]) | undefined): boolean {
    if (harvester === this.harvester) return false;
    this.harvester = harvester;
    if (!harvester) this.notes.clear();
    this.parts.clear();
    return true;
  }

  /**
   * Harvests a note's text; undefined when nothing changed (or harvesting is off).
   * @param segments the text's prose segments (getProseSegments), when the caller has them
   */
  setNoteText(uri: string, text: string, segments?: readonly number[]): HarvestChange | undefined {
    if (!this.harvester) return undefined;
    const definitions = this.harvester(text, segments);
    const key = JSON.stringify(definitions.map((d) => [d.term, d.aliases, d.definition]));
    const old = this.notes.get(uri);
    if (old ? old.key === key && old.definitions.every((d, k) => d.termRange.start === definitions[k].termRange.start) : definitions.length === 0) return undefined;
    if (definitions.length === 0) this.notes.delete(uri);
    else {
      const lines = new LineIndex(text);
      this.notes.set(uri, { uri, definitions, positions: definitions.map((d) => lines.positionAt(d.termRange.start)), key });
    }
    // Positions alone moved: the part is made again, the chains only when terms or definitions changed.
    const folder = this.courseFolder(uri);
    this.parts.delete(folder);
    return { folder, definitionsChanged: old?.key !== key };
  }

  /** A note was deleted: its course folder when it had definitions. */
  removeNote(uri: string): string | undefined {
    if (!this.notes.delete(uri)) return undefined;
    const folder = this.courseFolder(uri);
    this.parts.delete(folder);
    return folder;
  }

  /** A course folder's part (compiled on first use). */
  part(folder: string): HarvestedPart {
    let part = this.parts.get(folder);
    if (!part) {
      const notes = [...this.notes.values()].filter((n) => this.courseFolder(n.uri) === folder);
      part = compileHarvested(notes, t(this.locale(), 'scope.harvested'), { locale: this.locale() });
      this.parts.set(folder, part);
    }
    return part;
  }

  /** Where a harvested entry is defined: its note's line and character. */
  position(entry: GlossaryEntry): { line: number; character: number } | undefined {
    return this.part(this.courseFolder(entry.uri)).positions.get(`${entry.uri}#${entry.id}`);
  }

  /** The course folders that have definitions, with their part (for the panel). */
  groups(): { folder: string; glossary: Glossary }[] {
    const folders = new Set([...this.notes.keys()].map((u) => this.courseFolder(u)));
    return [...folders].sort().map((folder) => ({ folder, glossary: this.part(folder).glossary }));
  }

  /** Every part is compiled again on next use (course folders moved, the lexicon or language changed). */
  clearParts(): void {
    this.parts.clear();
  }
}
