/**
 * "Show a Concept…": a quick pick over terms, forms and definitions that ignores accents and
 * case ("infogerance" finds "infogérance", "delocal" finds "délocalisation"). VS Code's own
 * filter is accent-sensitive, so the picker filters and ranks itself and marks every item it
 * keeps `alwaysShow`.
 */

import * as vscode from 'vscode';
import { ConceptSummary } from '../../server/src/shared/protocol';
import { fold } from '../../server/src/service/text';

/** A picker row. */
export interface ConceptPickItem extends vscode.QuickPickItem {
  concept: ConceptSummary;
}

/** What the user chose: a concept and the action (accept = show, or one of the row buttons). */
export interface ConceptPick {
  concept: ConceptSummary;
  action: 'show' | 'insert' | 'copy';
}

/**
 * Ranks concepts for a query, accent- and case-insensitively: a form starting with the query
 * first, then a form containing it, then the definition containing it; glossary order within a
 * rank. Every word of the query must be found. An empty query keeps everything.
 */
export function filterConcepts(concepts: readonly ConceptSummary[], query: string): ConceptSummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...concepts];
  const ranked: { c: ConceptSummary; rank: number; index: number }[] = [];
  concepts.forEach((c, index) => {
    const forms = c.forms.map(fold);
    const definition = fold(c.shortDefinition);
    const category = fold(c.categoryLabel);
    let rank = 0;
    for (const w of words) {
      let r: number;
      if (forms.some((f) => f.startsWith(w) || f.split(/[\s'-]+/).some((part) => part.startsWith(w)))) r = 0;
      else if (forms.some((f) => f.includes(w))) r = 1;
      else if (definition.includes(w) || category.includes(w)) r = 2;
      else return;
      rank = Math.max(rank, r);
    }
    ranked.push({ c, rank, index });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((x) => x.c);
}

/** Shows the picker; resolves with the choice or undefined when dismissed. */
export function pickConcept(concepts: readonly ConceptSummary[], initialQuery = ''): Promise<ConceptPick | undefined> {
  const insert: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('insert'), tooltip: vscode.l10n.t('Insert the term') };
  const copy: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: vscode.l10n.t('Copy the definition') };
  const qp = vscode.window.createQuickPick<ConceptPickItem>();
  qp.title = vscode.l10n.t('Glossary concepts');
  qp.placeholder = vscode.l10n.t('Type a term or words of its definition (accents optional)');
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const toItems = (list: ConceptSummary[]): ConceptPickItem[] => list.map((c) => ({
    label: c.term,
    description: c.categoryLabel,
    detail: c.shortDefinition,
    alwaysShow: true,
    buttons: [insert, copy],
    concept: c,
  }));
  const update = () => {
    qp.items = toItems(filterConcepts(concepts, qp.value));
  };
  qp.value = initialQuery;
  update();
  return new Promise((resolve) => {
    let result: ConceptPick | undefined;
    qp.onDidChangeValue(update);
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (item) {
        result = { concept: item.concept, action: 'show' };
        qp.hide();
      }
    });
    qp.onDidTriggerItemButton((e) => {
      result = { concept: e.item.concept, action: e.button === insert ? 'insert' : 'copy' };
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve(result);
    });
    qp.show();
  });
}
