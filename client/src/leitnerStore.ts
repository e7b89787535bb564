/**
 * Where the revision schedule lives: the extension's global storage, one Leitner state per
 * course (a course folder's URI, or the default course and its glossary's name; never in the notes). The schedule itself is the core's (service/study/leitner.ts).
 */

import * as vscode from 'vscode';
import { CourseInfo } from '../../server/src/shared/protocol';
import { dueConcepts, LeitnerState, parseLeitnerState, recordReview, ReviewOutcome } from '../../server/src/service/study/leitner';

/** Reads and writes the schedules, and tells when one changed. */
export class LeitnerStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** A schedule changed (a review was recorded or the schedule was reset). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  private key(course: CourseInfo): string {
    // The default course is whatever glossary is loaded: its name is part of the key. A course
    // folder is its own key, so that retitling its glossary keeps the schedule.
    return course.id === 'default' ? `glossaire.leitner/${course.id}/${course.name}` : `glossaire.leitner/${course.id}`;
  }

  /** The course's schedule (an empty one at first). */
  get(course: CourseInfo): LeitnerState {
    return parseLeitnerState(this.memento.get(this.key(course)));
  }

  /** Records a review and saves the schedule. */
  async record(course: CourseInfo, conceptId: string, outcome: ReviewOutcome, now = Date.now()): Promise<LeitnerState> {
    const next = recordReview(this.get(course), conceptId, outcome, now);
    await this.memento.update(this.key(course), next);
    this.changed.fire();
    return next;
  }

  /** Forgets the course's schedule. */
  async reset(course: CourseInfo): Promise<void> {
    await this.memento.update(this.key(course), undefined);
    this.changed.fire();
  }

  /** « Concepts à revoir »: the course's concepts due again now. */
  due(course: CourseInfo, conceptIds: readonly string[], now = Date.now()): string[] {
    return dueConcepts(this.get(course), conceptIds, now);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
