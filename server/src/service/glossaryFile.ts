/**
 * One glossary file, whatever its format, compiled on its own: JSON (`*.json`) or Markdown
 * (`*.md`, see glossaryMarkdown.ts). The chain of glossaries that applies to a note is
 * composed from these (scope.ts).
 */

import { CompileOptions, compileGlossary, Glossary, GlossarySource } from './glossary';
import { compileMarkdownGlossary, parseMarkdownGlossary } from './glossaryMarkdown';

/** A compiled glossary file and what it says about the chain it is in. */
export interface LoadedGlossary {
  glossary: Glossary;
  /** The file turns the built-in glossary off for its folder (and below). */
  builtinOff: boolean;
}

/** True for a Markdown glossary (by its name). */
export function isMarkdownGlossary(uri: string): boolean {
  return /\.md$/i.test(uri);
}

/** Compiles one glossary file (its problems are its own, located in its text). */
export function loadGlossaryFile(source: GlossarySource, options: CompileOptions = {}): LoadedGlossary {
  if (!isMarkdownGlossary(source.uri)) return { glossary: compileGlossary([source], options), builtinOff: false };
  const md = parseMarkdownGlossary(source.text, source.uri, { locale: options.locale });
  return { glossary: compileMarkdownGlossary(md, source.text, source.uri, options).glossary, builtinOff: md.builtin === false };
}

/** True for problems that mean the file could not be read as a glossary at all. */
export function isFatalProblem(code: string): boolean {
  return code === 'glossary.invalid-json' || code === 'glossary.not-object';
}
