/**
 * `glossaire glossary <subcommand>`: commands on glossaries. Each subcommand lives in its own
 * file and is hooked in here with one line.
 */

import { exportMain } from './export';
import { convertMain, validateMain } from './glossaryFiles';
import { t, toLocale } from '../service/messages';

const SUBCOMMANDS: Record<string, (argv: string[]) => number> = {
  export: exportMain,
  convert: convertMain,
  validate: validateMain,
};

/** Runs `glossaire glossary …` (argv after "glossary"); returns the exit code. */
export function glossaryMain(argv: string[]): number {
  const [sub, ...rest] = argv;
  const run = sub === undefined ? undefined : SUBCOMMANDS[sub];
  if (run) return run(rest);
  const locale = toLocale(process.env.GLOSSAIRE_LOCALE ?? process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG);
  process.stderr.write(`glossaire: ${t(locale, 'study.cli.unknownCommand', { value: sub ?? '', known: Object.keys(SUBCOMMANDS).join(', ') })}\n`);
  return 2;
}
