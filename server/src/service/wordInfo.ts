/**
 * Rules 2 and 3 of the matcher (analyze.ts), per distinct word: its fuzzy candidates among the
 * glossary's terms and the multi-word term it may be without separators, memoised by the loop in
 * the word table.
 */

import { EnglishGuard } from './english';
import { isDerivedWord, isSiblingCompound } from './french';
import { joinedTypo, spacedWordTargets } from './fuzzyJoined';
import { Glossary } from './glossary';
import { iqueCandidates, searchDepth, toleranceFor, WordInfo } from './ranking';

/** What the lexicon says of a word, by its id in the word store (memoised for every glossary: see MatchRun). */
export interface WordFacts {
  isWordId(id: number, lower: string): boolean;
  hasAccentedVariantId(id: number, lower: string): boolean;
}

/**
 * What the fuzzy and joined look-ups give for a word (memoised per distinct word by the loop).
 * A function of its own: a closure over the loop's variables would cost every word a scope.
 * @param id the word's id in the store, under which `facts` remembers what the lexicon says of
 *   it (for every glossary: the chains of other courses ask the same); `isWord` serves other words.
 */
export function getWordInfo(glossary: Glossary, key: string, lower: string, id: number, facts: WordFacts, isWord: (lower: string) => boolean, english?: EnglishGuard): WordInfo {
  const info: WordInfo = { candidates: [] };
  const joined = glossary.joined.get(key);
  if (joined) info.joined = joined;
  // A French word gets no candidates whatever the look-up finds (below). With a big glossary
  // the lexicon's answer is the cheaper one to get first (a few lines of one stretch, against
  // dozens of probes of a table of millions of variants); a small glossary's filter is cheaper.
  else if (!glossary.fuzzy.small && facts.isWordId(id, lower)) return withAnchors(info, glossary, key);
  else {
    // The term's own tolerance decides (see the header); the search goes as deep as needed.
    const found = glossary.fuzzy.lookup(key, searchDepth).filter((f) => f.distance <= toleranceFor(f.key, f.value.form) &&
      !(f.distance >= 2 && f.value.form.folded.length === 1 && isSiblingCompound(key, f.key, isWord)));
    const ique = iqueCandidates(key, glossary.fuzzy);
    const anchor = glossary.hyphenWords.has(key);
    if ((found.length > 0 || ique.length > 0 || anchor) && !facts.isWordId(id, lower)) {
      info.candidates = [...ique, ...found.map((f) => ({ target: f.value, distance: f.distance }))];
      // An English ending makes an English word only on English words ("cloudy", not "projety").
      const isEnglish = english && ((w: string) => english.english.has(w));
      info.guarded = found.some((f) => isDerivedWord(key, f.key, isEnglish, f.value.form.folded.length === 1)) || facts.hasAccentedVariantId(id, lower);
    } else if (anchor) withAnchors(info, glossary, key);
    else {
      // A multi-word term written as one word with a typo ("suostraitant"): no French word.
      const welded = joinedTypo(glossary, key);
      if (welded && !facts.isWordId(id, lower) && !facts.hasAccentedVariantId(id, lower)) {
        info.joined = welded.form;
        info.joinedDistance = welded.distance;
      } else withAnchors(info, glossary, key);
    }
  }
  return info;
}

/**
 * A word of a multi-word term written exactly may anchor a typo in another word of the term:
 * the term's hyphenated words (withHyphenAnchors), or else a word of 4+ letters of a term the
 * text writes with hyphens for its spaces ("no-de-domaine", "logiciel-liber"): see fuzzyFinding.
 */
function withAnchors(info: WordInfo, glossary: Glossary, key: string): WordInfo {
  withHyphenAnchors(info, glossary, key);
  if (info.hyphenAnchor) return info;
  const spaced = spacedWordTargets(glossary, key);
  if (spaced.length > 0) {
    info.candidates = spaced.map((target) => ({ target, distance: 0 }));
    info.spaceAnchor = true;
    let before = 0;
    let after = 0;
    for (const t of spaced) {
      before = Math.max(before, t.word);
      after = Math.max(after, t.form.folded.length - 1 - t.word);
    }
    info.reach = (Math.min(before, 255) << 8) | Math.min(after, 255);
  }
  return info;
}

/**
 * A French word that is a word of a hyphenated term ("traitance") gets that term as a
 * candidate at distance 0, taken only where the text joins it by the term's hyphen to words
 * within one edit of the term's other words, and the compound written is no French word
 * ("sou-traitance", not "co-traitance"): see fuzzyFinding.
 */
function withHyphenAnchors(info: WordInfo, glossary: Glossary, key: string): WordInfo {
  const anchors = glossary.hyphenWords.get(key);
  if (anchors) {
    info.candidates = anchors.map((target) => ({ target, distance: 0 }));
    info.hyphenAnchor = true;
  }
  return info;
}
