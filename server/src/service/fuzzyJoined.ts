/**
 * Typos of multi-word terms written as one word ("suostraitant" for sous-traitant, "parefe"
 * for pare-feu): the separators dropped and a letter slipped at once. The glossary's joined
 * forms ("soustraitant", `Glossary.joined`) get a deletion index of their own, built on first
 * use and kept in the glossary's memo; a word with no other candidate and no French word is
 * looked up in it at the joined form's own tolerance (`maxDistanceFor` of its length).
 */

import { typoCost } from './editDistance';
import { FuzzyIndex } from './fuzzy';
import { Glossary, maxDistanceFor, TermForm } from './glossary';

/** The joined forms' index of a glossary (made on first use, then kept in its memo). */
function joinedIndex(glossary: Glossary): FuzzyIndex<TermForm> {
  let index = glossary.memo.joinedFuzzy as FuzzyIndex<TermForm> | undefined;
  if (!index) {
    index = new FuzzyIndex<TermForm>(2);
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
  for (const f of joinedIndex(glossary).lookup(key, maxDistanceFor)) {
    if (f.distance > maxDistanceFor(f.key.length) || (best && f.distance > best.distance)) continue;
    const cost = typoCost(key, f.key);
    if (!best || cost < best.cost) best = { form: f.value, distance: f.distance, cost };
  }
  return best && { form: best.form, distance: best.distance };
}
