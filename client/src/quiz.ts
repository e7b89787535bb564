/**
 * « Réviser le cours… »: a quiz in VS Code's quick input, keyboard only (Enter answers and goes
 * on, Escape stops), in the theme's colours, with no network. Two kinds of question:
 * - a definition is shown (the concept's names hidden), the student types the term; the
 *   server's core grades it (exact, accents or case, « presque » with the right spelling, wrong);
 * - a term is shown, the student writes a definition, then compares it with the glossary's
 *   (shown on the concept page beside) and their own harvested one, and grades themselves.
 * Every answer moves the concept in its Leitner box (LeitnerStore, never in the notes).
 */

import * as vscode from 'vscode';
import { CheckAnswerRequest, CheckAnswerResult, CourseSummary, CoursesRequest, StudyConcept, StudyConceptsRequest } from '../../server/src/shared/protocol';
import { pickQuizConcepts, ReviewOutcome } from '../../server/src/service/study/leitner';
import { maskNames } from '../../server/src/service/study/matching';
import { ConceptPanel } from './conceptPanel';
import { GlossaireClient } from './languageClient';
import { LeitnerStore } from './leitnerStore';
import { courseDescription } from './studyView';

/** Definition → term (typed and checked), or term → definition (written, self-graded). */
export type QuizMode = 'typeTerm' | 'writeDefinition';

/** Options of a quiz (the command's argument; the picker asks for the mode when it is missing). */
export interface QuizOptions {
  /** The course's id (see CourseInfo); missing: asked when there are several, the active note's first. */
  course?: string;
  mode?: QuizMode;
  /** Number of questions (10 by default). */
  count?: number;
}

/** One answered question. */
export interface QuizAnswer {
  id: string;
  term: string;
  outcome: ReviewOutcome;
  /** For a typed term: the server's grade. */
  grade?: CheckAnswerResult['grade'];
}

/** What the quiz widget shows now (for the extension's API and the in-editor tests). */
export interface QuizScreen {
  step: 'course' | 'mode' | 'question' | 'feedback' | 'selfGrade';
  /** The concept asked about (not shown to the student). */
  conceptId?: string;
  title: string;
  prompt: string;
  items: string[];
}

const DEFAULT_COUNT = 10;

/** Runs quizzes, one at a time. */
export class Quiz implements vscode.Disposable {
  private active: { input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>; screen: QuizScreen } | undefined;

  constructor(
    private readonly client: GlossaireClient,
    private readonly leitner: LeitnerStore,
    private readonly panel: ConceptPanel,
  ) {}

  /** The quiz's widget on screen, if any. */
  get screen(): QuizScreen | undefined {
    return this.active?.screen;
  }

  /** Types into the quiz's input box (what the keyboard does; for the in-editor tests). */
  type(text: string): boolean {
    if (!this.active) return false;
    this.active.input.value = text;
    return true;
  }

  /** Runs a quiz; resolves with the answers when it ends or is stopped (undefined if cancelled before the first). */
  async run(options: QuizOptions = {}): Promise<QuizAnswer[] | undefined> {
    this.active?.input.hide();
    const courseId = options.course ?? (await this.pickCourse());
    if (courseId === null) return undefined;
    const { course, concepts } = await this.client.sendRequest(StudyConceptsRequest, courseId ? { course: courseId } : {});
    if (concepts.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This course has no concept to review.'));
      return undefined;
    }
    const mode = options.mode ?? (await this.pickMode());
    if (!mode) return undefined;
    const count = Math.max(1, Math.min(options.count ?? DEFAULT_COUNT, concepts.length));
    const byId = new Map(concepts.map((c) => [c.id, c]));
    const ids = pickQuizConcepts(this.leitner.get(course), concepts.map((c) => c.id), Date.now(), count);
    const answers: QuizAnswer[] = [];
    for (let k = 0; k < ids.length; k++) {
      const concept = byId.get(ids[k])!;
      const title = vscode.l10n.t('Review {0} — question {1} of {2}', course.name, k + 1, ids.length);
      const answer = mode === 'typeTerm' ? await this.askTerm(concept, title, course.id) : await this.askDefinition(concept, title);
      if (!answer) break;
      await this.leitner.record(course, concept.id, answer.outcome);
      answers.push(answer);
    }
    this.active = undefined;
    if (answers.length > 0) {
      const known = answers.filter((a) => a.outcome === 'known').length;
      const almost = answers.filter((a) => a.outcome === 'almost').length;
      void vscode.window.showInformationMessage(vscode.l10n.t('Review done: {0} known, {1} almost, {2} to review again, out of {3}.',
        known, almost, answers.length - known - almost, answers.length));
    }
    return answers;
  }

  /**
   * Which course, when there are several: a quick pick, the active note's course first.
   * Undefined: the only course; null: the student cancelled.
   */
  private async pickCourse(): Promise<string | undefined | null> {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const { courses, active } = await this.client.sendRequest(CoursesRequest, uri ? { uri } : {});
    if (courses.length <= 1) return courses[0]?.id;
    const items = orderCourses(courses, active).map((course) => ({
      course,
      label: `$(${course.id === active ? 'mortar-board' : 'book'}) ${course.name}`,
      description: courseDescription(course),
      detail: course.id === active ? vscode.l10n.t('The course of the active note') : undefined,
    }));
    const picked = await this.pick(items, { step: 'course', title: vscode.l10n.t('Review the Course'), prompt: vscode.l10n.t('Which course?') });
    return picked ? picked.course.id : null;
  }

  private async pickMode(): Promise<QuizMode | undefined> {
    const items: (vscode.QuickPickItem & { mode: QuizMode })[] = [
      { mode: 'typeTerm', label: `$(edit) ${vscode.l10n.t('Definition → term')}`, detail: vscode.l10n.t('A definition is shown: type the term.') },
      { mode: 'writeDefinition', label: `$(book) ${vscode.l10n.t('Term → definition')}`, detail: vscode.l10n.t('A term is shown: write its definition, compare, and grade yourself.') },
    ];
    const picked = await this.pick(items, { step: 'mode', title: vscode.l10n.t('Review the Course'), prompt: vscode.l10n.t('What kind of questions?') });
    return picked?.mode;
  }

  /** Definition shown, term typed, graded by the server; then the verdict until Enter. */
  private async askTerm(concept: StudyConcept, title: string, course: string | undefined): Promise<QuizAnswer | undefined> {
    const question = maskNames(plain(concept.definition), [concept.term, ...concept.names]);
    const typed = await this.input({ step: 'question', conceptId: concept.id, title, prompt: question, items: [] }, vscode.l10n.t('Type the term, then Enter'));
    if (typed === undefined) return undefined;
    const result = (await this.client.sendRequest(CheckAnswerRequest, { id: concept.id, answer: typed, course })) ?? { grade: 'wrong' as const, expected: concept.term };
    const outcome: ReviewOutcome = result.grade === 'exact' || result.grade === 'tolerant' ? 'known' : result.grade === 'almost' ? 'almost' : 'forgotten';
    const verdict = result.grade === 'exact'
      ? vscode.l10n.t('$(check) Right: “{0}”.', result.expected)
      : result.grade === 'tolerant'
        ? vscode.l10n.t('$(check) Right, written “{0}”.', result.expected)
        : result.grade === 'almost'
          ? vscode.l10n.t('$(warning) Almost: it is written “{0}”.', result.expected)
          : vscode.l10n.t('$(close) It was “{0}”.', concept.term);
    // The verdict stays until Enter (or Escape, which still counts this answer).
    await this.input({ step: 'feedback', conceptId: concept.id, title, prompt: verdict, items: [] }, vscode.l10n.t('Enter: next question'));
    return { id: concept.id, term: concept.term, outcome, grade: result.grade };
  }

  /** Term shown, definition written; the glossary's shown beside, then a self-grade. */
  private async askDefinition(concept: StudyConcept, title: string): Promise<QuizAnswer | undefined> {
    const written = await this.input({ step: 'question', conceptId: concept.id, title, prompt: vscode.l10n.t('Define “{0}”.', concept.term), items: [] }, vscode.l10n.t('Write the definition, then Enter'));
    if (written === undefined) return undefined;
    await this.panel.show(concept.id);
    const items: (vscode.QuickPickItem & { outcome?: ReviewOutcome })[] = [
      // A term only the notes define has the student's own definition as its reference.
      { label: concept.fromNotes ? vscode.l10n.t('Your notes') : vscode.l10n.t('Glossary'), kind: vscode.QuickPickItemKind.Separator },
      { label: plain(concept.definition), alwaysShow: true },
      ...(concept.harvestedDefinition ? [{ label: vscode.l10n.t('Your notes'), kind: vscode.QuickPickItemKind.Separator }, { label: plain(concept.harvestedDefinition), alwaysShow: true }] : []),
      ...(written.trim() ? [{ label: vscode.l10n.t('Your answer'), kind: vscode.QuickPickItemKind.Separator }, { label: written.trim(), alwaysShow: true }] : []),
      { label: vscode.l10n.t('Grade yourself'), kind: vscode.QuickPickItemKind.Separator },
      { outcome: 'known', label: `$(check) ${vscode.l10n.t('I knew it')}`, alwaysShow: true },
      { outcome: 'almost', label: `$(warning) ${vscode.l10n.t('Almost')}`, alwaysShow: true },
      { outcome: 'forgotten', label: `$(close) ${vscode.l10n.t('I did not know')}`, alwaysShow: true },
    ];
    const grade = await this.pick(items, { step: 'selfGrade', conceptId: concept.id, title, prompt: vscode.l10n.t('Compare with the glossary (beside), then grade yourself') }, (i) => i.outcome !== undefined);
    if (!grade?.outcome) return undefined;
    return { id: concept.id, term: concept.term, outcome: grade.outcome };
  }

  /** An input box; resolves with the text on Enter, undefined on Escape. */
  private input(screen: QuizScreen, placeholder: string): Promise<string | undefined> {
    return new Promise((resolve) => {
      const input = vscode.window.createInputBox();
      input.title = screen.title;
      input.prompt = screen.prompt;
      input.placeholder = placeholder;
      // Keyboard only: looking at the concept page or the note must not cancel the quiz.
      input.ignoreFocusOut = true;
      let done = false;
      input.onDidAccept(() => {
        done = true;
        input.hide();
        resolve(input.value);
      });
      input.onDidHide(() => {
        input.dispose();
        if (this.active?.input === input) this.active = undefined;
        if (!done) resolve(undefined);
      });
      this.active = { input, screen };
      input.show();
    });
  }

  /** A quick pick; resolves with the accepted item (one `acceptable`), undefined on Escape. */
  private pick<T extends vscode.QuickPickItem>(items: T[], screen: Omit<QuizScreen, 'items'>, acceptable: (item: T) => boolean = () => true): Promise<T | undefined> {
    return new Promise((resolve) => {
      const qp = vscode.window.createQuickPick<T>();
      qp.title = screen.title;
      qp.placeholder = screen.prompt;
      qp.items = items;
      qp.ignoreFocusOut = true;
      qp.matchOnDetail = false;
      const firstChoice = items.find(acceptable);
      if (firstChoice) qp.activeItems = [firstChoice];
      let done = false;
      qp.onDidAccept(() => {
        const item = qp.activeItems[0] ?? qp.selectedItems[0];
        if (!item || !acceptable(item)) return;
        done = true;
        qp.hide();
        resolve(item);
      });
      qp.onDidHide(() => {
        qp.dispose();
        if (this.active?.input === qp) this.active = undefined;
        if (!done) resolve(undefined);
      });
      this.active = { input: qp as unknown as vscode.QuickPick<vscode.QuickPickItem>, screen: { ...screen, items: items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator).map((i) => i.label) } };
      qp.show();
    });
  }

  dispose(): void {
    this.active?.input.hide();
  }
}

/** The courses with the active note's first, the others in the server's order. */
export function orderCourses(courses: readonly CourseSummary[], active: string | undefined): CourseSummary[] {
  return [...courses.filter((c) => c.id === active), ...courses.filter((c) => c.id !== active)];
}

/** Definitions as plain text for the quick input: links' text kept, Markdown markers and line breaks dropped. */
function plain(markdown: string): string {
  return markdown.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}
