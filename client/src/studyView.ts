/**
 * The "Study" view of the Glossaire panel: each course's coverage by its notes and its revision.
 * Groups: « Concepts à revoir » (due in the Leitner schedule), « Pas encore dans vos notes »
 * (concepts no note of the course mentions), « Sans définition » (bold terms of the course's
 * notes defined nowhere, each with its places and « Ajouter au glossaire… » when that command
 * exists). One course: the groups are the roots; several: one root per course (with a button
 * that reviews it), each with its groups. Title buttons run the quiz and the export. Follows
 * the server's re-analyses and the schedule.
 */

import * as vscode from 'vscode';
import { CourseSummary, CoursesRequest, CoverageRequest, CoverageResult, ProtocolRange } from '../../server/src/shared/protocol';
import { GlossaireClient } from './languageClient';
import { LeitnerStore } from './leitnerStore';

/** The view's id (package.json contributes.views). */
export const STUDY_VIEW_ID = 'glossaire.study';

/** The command « Ajouter au glossaire… » calls when it exists (built with courses per folder). */
export const ADD_TO_GLOSSARY_COMMAND = 'glossaire.addToGlossary';

/** Rows beyond which a group starts folded. */
const LONG_GROUP = 12;

/** The three groups. */
export type StudyGroupId = 'due' | 'notYetUsed' | 'undefined';

/** A row of the view. */
export type StudyNode =
  | { kind: 'course'; course: CourseSummary; active: boolean; children: StudyNode[] }
  | { kind: 'group'; courseId: string; group: StudyGroupId; label: string; children: StudyNode[] }
  | { kind: 'studyConcept'; id: string; term: string; description?: string }
  | { kind: 'undefinedTerm'; term: string; count: number; locations: { uri: string; range: ProtocolRange }[] }
  | { kind: 'termLocation'; term: string; uri: string; range: ProtocolRange };

/** A group of the view as plain data. */
export interface StudyGroupSnapshot {
  id: StudyGroupId;
  label: string;
  items: { label: string; description?: string; contextValue: string }[];
}

/** What the view shows, as plain data (for the extension's API and the in-editor tests). */
export interface StudySnapshot {
  /** The first course's name (the only one in the flat view). */
  course?: string;
  /** The first course's groups (the view's roots when there is one course). */
  groups: StudyGroupSnapshot[];
  /** Every course with its groups, in the view's order (one root each when there are several). */
  courses: { id: string; name: string; groups: StudyGroupSnapshot[] }[];
}

/** The tree data provider and its TreeView. */
export class StudyView implements vscode.TreeDataProvider<StudyNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<StudyNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<StudyNode>;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: NodeJS.Timeout | undefined;
  private canAdd = false;

  constructor(private readonly client: GlossaireClient, private readonly leitner: LeitnerStore) {
    this.treeView = vscode.window.createTreeView(STUDY_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.treeView,
      client.onDidChangeOccurrences(() => this.refreshSoon()),
      client.onDidChangeGlossary(() => this.refreshSoon()),
      client.onDidChangeRunning(() => this.refreshSoon()),
      leitner.onDidChange(() => this.refresh()),
      this.treeView.onDidChangeVisibility(() => this.refreshSoon()),
      // The course of the active note is marked among several.
      vscode.window.onDidChangeActiveTextEditor(() => this.refreshSoon()),
    );
  }

  /** Re-reads everything. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  private refreshSoon(): void {
    // The server notifies after every analysis: one refresh per pause in the typing, and none
    // while the view is hidden (showing it refreshes it).
    if (!this.treeView.visible) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 300);
  }

  /** A course's coverage and due concepts, as its three groups. */
  private async courseGroups(courseId: string | undefined): Promise<{ coverage: CoverageResult; groups: StudyNode[] }> {
    const coverage = await this.client.sendRequest(CoverageRequest, courseId ? { course: courseId } : {});
    const id = coverage.course.id;
    const terms = new Map([...coverage.used, ...coverage.notYetUsed].map((c) => [c.id, c.term]));
    const due = this.leitner.due(coverage.course, [...terms.keys()]);
    const groups: StudyNode[] = [
      {
        kind: 'group', courseId: id, group: 'due', label: vscode.l10n.t('Concepts to Review'),
        children: due.map((c) => ({ kind: 'studyConcept', id: c, term: terms.get(c) ?? c })),
      },
      {
        kind: 'group', courseId: id, group: 'notYetUsed', label: vscode.l10n.t('Not in Your Notes Yet'),
        children: coverage.notYetUsed.map((c) => ({ kind: 'studyConcept', id: c.id, term: c.term })),
      },
      {
        kind: 'group', courseId: id, group: 'undefined', label: vscode.l10n.t('No Definition'),
        children: coverage.undefinedTerms.map((u) => ({ kind: 'undefinedTerm', term: u.term, count: u.count, locations: u.locations })),
      },
    ];
    return { coverage, groups };
  }

  /** The view's roots: one course's groups, or one root per course; and the name for the title. */
  private async roots(): Promise<{ roots: StudyNode[]; description: string }> {
    // Hook: « Ajouter au glossaire… » shows once the command exists.
    this.canAdd = (await vscode.commands.getCommands(true)).includes(ADD_TO_GLOSSARY_COMMAND);
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const { courses, active: activeCourse } = await this.client.sendRequest(CoursesRequest, active ? { uri: active } : {});
    if (courses.length <= 1) {
      const { coverage, groups } = await this.courseGroups(courses[0]?.id);
      return { roots: groups, description: coverage.course.name };
    }
    const roots = await Promise.all(courses.map(async (course): Promise<StudyNode> => ({
      kind: 'course', course, active: course.id === activeCourse, children: (await this.courseGroups(course.id)).groups,
    })));
    return { roots, description: '' };
  }

  async getChildren(node?: StudyNode): Promise<StudyNode[]> {
    if (node?.kind === 'course' || node?.kind === 'group') return node.children;
    if (node?.kind === 'undefinedTerm') return node.locations.map((l) => ({ kind: 'termLocation', term: node.term, uri: l.uri, range: l.range }));
    if (node) return [];
    try {
      const { roots, description } = await this.roots();
      this.treeView.description = description;
      return roots;
    } catch (e) {
      console.error('[glossaire] study view:', e);
      return [];
    }
  }

  getTreeItem(node: StudyNode): vscode.TreeItem {
    switch (node.kind) {
      case 'course': {
        const item = new vscode.TreeItem(node.course.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `study:${node.course.id}`;
        item.description = courseDescription(node.course);
        item.tooltip = node.active ? vscode.l10n.t('{0} — the course of the active note', node.course.name) : node.course.name;
        item.iconPath = new vscode.ThemeIcon(node.active ? 'mortar-board' : 'book');
        item.contextValue = 'studyCourse';
        return item;
      }
      case 'group': {
        // A long group starts folded (its count shows): the groups after it, and the other
        // courses, stay in sight.
        const n = node.children.length;
        const state = n === 0 ? vscode.TreeItemCollapsibleState.None : n > LONG_GROUP ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
        const item = new vscode.TreeItem(node.label, state);
        // An empty group cannot be expanded; its id changes once it has rows, so that it opens.
        item.id = `study:${node.courseId}:${node.group}:${n === 0 ? 'empty' : n > LONG_GROUP ? 'long' : 'rows'}`;
        item.description = String(node.children.length);
        item.contextValue = `studyGroup.${node.group}`;
        item.accessibilityInformation = { label: `${node.label}, ${node.children.length}` };
        item.iconPath = new vscode.ThemeIcon(node.group === 'due' ? 'history' : node.group === 'notYetUsed' ? 'circle-large-outline' : 'question');
        item.tooltip = node.group === 'due'
          ? vscode.l10n.t('Concepts whose review is due (Leitner boxes)')
          : node.group === 'notYetUsed'
            ? vscode.l10n.t('Concepts of the course that no note mentions yet')
            : vscode.l10n.t('Terms in bold in your notes that neither the glossary nor your notes define');
        return item;
      }
      case 'studyConcept': {
        const item = new vscode.TreeItem(node.term, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('symbol-key');
        item.contextValue = 'studyConcept';
        item.command = { command: 'glossaire.showDefinition', title: vscode.l10n.t('Show the Definition'), arguments: [node.id] };
        return item;
      }
      case 'undefinedTerm': {
        const item = new vscode.TreeItem(node.term, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = vscode.l10n.t('{0} in the notes', node.count);
        item.iconPath = new vscode.ThemeIcon('symbol-text');
        item.contextValue = this.canAdd ? 'undefinedTerm.addable' : 'undefinedTerm';
        return item;
      }
      case 'termLocation': {
        const file = decodeURIComponent(node.uri.replace(/^.*\//, ''));
        const item = new vscode.TreeItem(file, vscode.TreeItemCollapsibleState.None);
        item.description = vscode.l10n.t('line {0}', node.range.start.line + 1);
        item.iconPath = vscode.ThemeIcon.File;
        item.resourceUri = vscode.Uri.parse(node.uri);
        item.contextValue = 'termLocation';
        item.command = { command: 'glossaire.revealOccurrence', title: vscode.l10n.t('Go to the Occurrence'), arguments: [node.uri, node.range] };
        return item;
      }
    }
  }

  /** What the view shows now. */
  async snapshot(): Promise<StudySnapshot> {
    const roots = await this.getChildren();
    const groupsOf = (nodes: StudyNode[]): StudyGroupSnapshot[] => (nodes.filter((g) => g.kind === 'group') as Extract<StudyNode, { kind: 'group' }>[]).map((g) => ({
      id: g.group,
      label: g.label,
      items: g.children.map((c) => {
        const item = this.getTreeItem(c);
        return { label: String(item.label), description: typeof item.description === 'string' ? item.description : undefined, contextValue: item.contextValue ?? '' };
      }),
    }));
    const description = typeof this.treeView.description === 'string' ? this.treeView.description : '';
    const courses = roots.some((r) => r.kind === 'course')
      ? (roots as Extract<StudyNode, { kind: 'course' }>[]).map((r) => ({ id: r.course.id, name: r.course.name, groups: groupsOf(r.children) }))
      : [{ id: (roots[0] as Extract<StudyNode, { kind: 'group' }> | undefined)?.courseId ?? '', name: description, groups: groupsOf(roots) }];
    return { course: courses[0]?.name || undefined, groups: courses[0]?.groups ?? [], courses };
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** « 19 concepts · 2 notes » (one note: « 1 note »). */
export function courseDescription(course: CourseSummary): string {
  return course.notes === 1 ? vscode.l10n.t('{0} concepts · 1 note', course.concepts) : vscode.l10n.t('{0} concepts · {1} notes', course.concepts, course.notes);
}

/** The course a view row stands for (a course root), for « Réviser ce cours ». */
export function courseOfNode(node: unknown): string | undefined {
  const n = node as Partial<Extract<StudyNode, { kind: 'course' }>> | undefined;
  return n && n.kind === 'course' && n.course ? n.course.id : undefined;
}

/** « Ajouter au glossaire… » on a « Sans définition » row: hands the term to the course command. */
export function addToGlossary(node: StudyNode | string | undefined): Thenable<unknown> | undefined {
  const term = typeof node === 'string' ? node : node && 'term' in node ? node.term : undefined;
  return term ? vscode.commands.executeCommand(ADD_TO_GLOSSARY_COMMAND, term) : undefined;
}
