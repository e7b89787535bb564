/**
 * Multi-word terms written with other separators and a typo. Typos of multi-word terms written as one word ("suostraitant" for sous-traitant, "parefe"
 * for pare-feu): the separators dropped and a letter slipped at once. The glossary's joined
 * forms ("soustraitant", `Glossary.joined`) get a deletion index of their own, built on first
 * use and kept in the glossary's memo; a word with no other candidate and no French word is
 * looked up in it at one edit (the joined form's own tolerance, `maxDistanceFor`, if lower):
 * the missing separators are the first slip, and one edit keeps the index small (a glossary of
 * 10,000 terms has thousands of multi-word forms, of 15 letters on average).
 */

import { typoCost } from './editDistance';
import { FuzzyIndex } from './fuzzy';
import { FormKind, FuzzyTarget, Glossary, maxDistanceFor, TermForm } from './glossary';
import { Gap } from './tokens';

/** The tolerance of a joined form: one edit from 5 letters. */
const oneEdit = (length: number) => Math.min(1, maxDistanceFor(length));

/** The joined forms' index of a glossary (made on first use, then kept in its memo). */
function joinedIndex(glossary: Glossary): FuzzyIndex<TermForm> {
  let index = glossary.memo.joinedFuzzy as FuzzyIndex<TermForm> | undefined;
  if (!index) {
    index = new FuzzyIndex<TermForm>(1);
    for (const [key, form] of glossary.joined) index.add(key, form);
    index.build();
    glossary.memo.joinedFuzzy = index;
  }
  return index;
}

/**
 * The multi-word term a folded word is a typo of once written without its separators, and
 * the distance, or undefined. The nearest wins; among equals, the likeliest slip (typoCost),
 * then the first form the glossary declares. Callers check first that the word is no French word.
 */
export function joinedTypo(glossary: Glossary, key: string): { form: TermForm; distance: number } | undefined {
  if (glossary.joined.size === 0 || key.length < 5) return undefined;
  let best: { form: TermForm; distance: number; cost: number } | undefined;
  for (const f of joinedIndex(glossary).lookup(key, oneEdit)) {
    if (f.distance > oneEdit(f.key.length) || (best && f.distance > best.distance)) continue;
    const cost = typoCost(key, f.key);
    if (!best || cost < best.cost) best = { form: f.value, distance: f.distance, cost };
  }
  return best && { form: best.form, distance: best.distance };
}

/** Words of 4+ letters that anchor a term written with hyphens for its spaces (withAnchors). */
const MIN_ANCHOR = 4;

/**
 * The places of a folded word in the glossary's multi-word forms that have a space between
 * words ("domaine" in "nom de domaine"): where the text joins such a term's words by hyphens
 * with a typo in one ("no-de-domaine"), the exact word anchors the typo (ranking.ts). Built on
 * first use and kept in the glossary's memo.
 */
export function spacedWordTargets(glossary: Glossary, key: string): readonly FuzzyTarget[] {
  let map = glossary.memo.spacedWords as Map<string, FuzzyTarget[]> | undefined;
  if (!map) {
    map = new Map();
    for (const form of glossary.forms) {
      if (form.caseSensitive || form.kind === FormKind.Misspelling || !form.joiners.includes(Gap.Space)) continue;
      form.folded.forEach((word, k) => {
        if (word.length < MIN_ANCHOR) return;
        const list = map!.get(word);
        if (list) list.push({ form, word: k });
        else map!.set(word, [{ form, word: k }]);
      });
    }
    glossary.memo.spacedWords = map;
  }
  return map.get(key) ?? [];
}
