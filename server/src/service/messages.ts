/**
 * User-facing strings of the core, French first with English. The server picks the catalogue
 * from the client's locale; the CLI from LANG. Placeholders are {name}.
 */

/** Supported message languages. */
export type Locale = 'fr' | 'en';

const FR = {
  'finding.known-misspelling': '« {word} » est une faute connue : écrire « {fix} ».',
  'finding.misspelled-term': '« {word} » : terme du glossaire mal orthographié, vouliez-vous dire « {fix} » ?',
  'finding.missing-accent': '« {word} » : accents incorrects, écrire « {fix} ».',
  'finding.compound': '« {word} » s’écrit « {fix} ».',
  'finding.acronym-case': '« {word} » s’écrit « {fix} » (sigle).',
  'finding.unaccented-note': 'Cette note semble écrite sans accents : {count} terme(s) du glossaire sans leurs accents (ex. « {word} » → « {fix} »).',
  'study.export.generated': '{count} concept(s), exportés par Glossaire.',
  'study.export.usedIn': 'Dans vos notes',
  'study.export.notUsed': 'Pas encore dans vos notes.',
  'study.anki.notetype': 'Basique',
  'study.anki.notetypeReversed': 'Basique (avec carte inversée)',
  'study.csv.header': 'identifiant,terme,catégorie,définition,synonymes,sigles,occurrences,notes',
  'study.cli.written': '{count} concept(s) écrits dans {file} ({format}).',
  'study.cli.badFormat': '--format : md, anki ou csv, pas « {value} ».',
  'study.cli.noFormat': 'glossary export : --format md|anki|csv est obligatoire.',
  'study.cli.unknownCommand': 'glossary : sous-commande inconnue « {value} » (sous-commandes : {known}).',
  'study.cli.cannotWrite': 'impossible d’écrire {file} : {detail}.',
  'glossary.invalid-json': 'JSON invalide : {detail}.',
  'glossary.not-object': 'Le glossaire doit être un objet JSON.',
  'glossary.unreadable': 'Glossaire illisible ({path}) : {detail}.',
  'glossary.no-such-file': 'fichier introuvable',
  'glossary.nesting': 'plus de {max} niveaux d’imbrication',
  'glossary.missing-field': 'Champ obligatoire « {field} » manquant.',
  'glossary.unknown-field': 'Champ inconnu « {field} ».',
  'glossary.wrong-type': 'Le champ « {field} » doit être {expected}.',
  'glossary.empty-field': 'Le champ « {field} » est vide.',
  'glossary.too-long': 'Le champ « {field} » contient un terme trop long ({length} caractères, {max} au plus).',
  'glossary.bad-id': 'Identifiant « {id} » invalide : minuscules ASCII, chiffres et tirets seulement.',
  'glossary.duplicate-id': 'Identifiant « {id} » déjà utilisé par une autre entrée ({where}).',
  'glossary.duplicate-term': '« {term} » est déjà revendiqué par l’entrée « {other} ».',
  'glossary.misspelling-is-term': 'La faute « {term} » est une forme correcte de l’entrée « {other} ».',
  'glossary.misspelling-is-word': 'La faute « {term} » est un mot français correct : elle sera signalée partout où il apparaît.',
  'glossary.misspelling-accent-only': 'La faute « {term} » ne diffère de « {other} » que par les accents : la règle des accents la signale déjà, retirez-la de « misspellings ».',
  'glossary.unknown-relation': 'Relation vers un identifiant inconnu « {id} ».',
  'glossary.unknown-category': 'Catégorie inconnue « {id} ».',
  'glossary.entry-dropped': 'Entrée ignorée.',
  'glossary.entry-not-object': 'Une entrée doit être un objet JSON { "id": …, "term": …, "category": …, "definition": … }.',
  'glossary.bad-category': 'Catégorie n° {index} invalide : il faut un objet { "id": …, "label": … } au label non vide.',
  'glossary.no-words': '« {term} » ne contient aucun mot : il ne sera jamais reconnu.',
  'glossary.has-digits': '« {term} » contient un chiffre : les mots avec chiffres ne sont pas vérifiés, il ne sera pas reconnu dans les notes.',
  'glossary.partly-read': '« {term} » sera lu comme « {read} » (le reste n’est pas lu comme des mots).',
  'glossary.where': 'fichier {file}, entrée {entry}, champ {field}',
  'glossary.md-unknown-label': '« {label} » n’est pas une étiquette connue ({known}) : la ligne est lue comme du texte.',
  'glossary.md-empty-label': 'L’étiquette « {label} » n’a pas de valeur.',
  'glossary.md-single-value': '« {label} » attend un seul terme : « {value} » est utilisé, le reste est ignoré.',
  'glossary.md-unknown-reference': '« {name} » ({label}) ne nomme aucun terme de ce glossaire.',
  'glossary.md-duplicate-term': 'Le terme « {term} » est déjà défini ligne {line}.',
  'glossary.md-no-definition': 'Le terme « {term} » n’a pas de définition : écrire un paragraphe sous son titre.',
  'glossary.md-empty-heading': 'Titre vide : écrire le nom de la catégorie (#) ou le terme (##).',
  'glossary.md-bad-id': 'Identifiant « {id} » invalide : minuscules ASCII, chiffres et tirets seulement.',
  'glossary.md-duplicate-id': 'Identifiant « {id} » déjà utilisé ligne {line}.',
  'glossary.md-term-too-long': 'Terme trop long ({length} caractères, {max} au plus) : un titre ## est un terme, pas une phrase.',
  'glossary.md-no-entries': 'Aucun terme : chaque terme est un titre « ## terme » suivi de sa définition.',
  'glossary.md-unclosed-front-matter': 'En-tête YAML non fermé : ajouter une ligne « --- ».',
  'glossary.md-unknown-key': 'Clé d’en-tête inconnue « {key} » ({known}).',
  'glossary.md-bad-value': 'Valeur « {value} » invalide pour « {key} » : {expected}.',
  'glossary.md-label-in-category': 'Seul « Identifiant » s’écrit sous une catégorie ; « {label} » va sous un terme (##).',
  'action.fix': 'Remplacer par « {fix} »',
  'action.fixAll': 'Corriger toutes les fautes du glossaire dans ce fichier',
  'action.ignoreWorkspace': 'Ignorer « {word} » dans l’espace de travail',
  'action.ignoreFile': 'Ignorer « {word} » dans ce fichier',
  'action.restoreAccents': 'Rétablir les accents ({count} terme(s))',
  'progress.indexing': 'Glossaire : indexation des notes',
  'index.more-problems': 'Glossaire : d’autres fichiers n’ont pas pu être lus pendant l’indexation (les 20 premiers sont ci-dessus).',
  'punct.colon': ' :',
  'problem.error': 'erreur',
  'problem.warning': 'avertissement',
  'problem.entry': 'entrée « {entry} »',
  'problem.field': 'champ « {field} »',
  'problem.entryShort': 'entrée {entry}',
  'problem.fieldShort': 'champ {field}',
  'json.at': '{detail} (ligne {line}, colonne {column})',
  'json.InvalidSymbol': 'symbole invalide',
  'json.InvalidNumberFormat': 'nombre mal formé',
  'json.PropertyNameExpected': 'nom de propriété attendu',
  'json.ValueExpected': 'valeur attendue',
  'json.ColonExpected': '« : » attendu',
  'json.CommaExpected': 'virgule attendue',
  'json.CloseBraceExpected': '« } » attendue',
  'json.CloseBracketExpected': '« ] » attendu',
  'json.EndOfFileExpected': 'fin du fichier attendue',
  'json.InvalidCommentToken': 'commentaire invalide',
  'json.UnexpectedEndOfComment': 'commentaire non fermé',
  'json.UnexpectedEndOfString': 'chaîne non fermée',
  'json.UnexpectedEndOfNumber': 'nombre incomplet',
  'json.InvalidUnicode': 'séquence Unicode invalide',
  'json.InvalidEscapeCharacter': 'caractère d’échappement invalide',
  'json.InvalidCharacter': 'caractère invalide',
  'json.Unknown': 'erreur de syntaxe',
  'hover.didYouMean': 'Vouliez-vous dire « {fix} » ?',
  'diagnostics.more': '{count} autre(s) faute(s) du glossaire dans cette note ne sont pas affichées (au plus {max} : réglage glossaire.maxDiagnostics).',
  'hover.advantages': 'Avantages',
  'hover.disadvantages': 'Inconvénients',
  'hover.synonyms': 'Synonymes',
  'hover.acronyms': 'Sigles',
  'hover.forms': 'Formes',
  'hover.related': 'Voir aussi',
  'hover.broader': 'Sorte de',
  'hover.examples': 'Exemples',
  'hover.source': 'Source',
  'hover.category': 'Catégorie',
  'scope.overrides': 'Ce glossaire l’emporte sur {files}, qui définit aussi « {term} ».',
  'scope.yourNotes': 'Vos notes',
  'scope.courseGlossary': 'Glossaire du cours',
  'scope.definedIn': 'Défini dans [{file}, ligne {line}]({link})',
  'scope.builtin': 'Glossaire intégré',
  'scope.settings': 'Glossaires des réglages',
  'scope.harvested': 'Définitions des notes',
  'cli.used-glossaries': '{file} : glossaires {list}',
  'cli.no-glossary': '(aucun)',
  'action.addToGlossary': 'Ajouter « {word} » au glossaire…',
  'action.notATypo': 'Ce n’est pas une faute : ajouter « {word} » au glossaire…',
  'glossary.new-category': 'Nouvelle catégorie',
  'file.missing': '{path} : fichier ou dossier introuvable',
  'file.unreadable': '{path} : illisible ({detail})',
  'file.not-regular': '{path} : ignoré, ce n’est pas un fichier ordinaire (périphérique, tube ou socket)',
  'file.too-large': '{path} : ignoré, plus de {max} Mo',
  'file.not-utf8': '{path} : ignoré, pas en UTF-8 (octet {detail}) ; enregistrez-le en UTF-8 pour le vérifier',
  'file.utf16': '{path} : ignoré, encodé en UTF-16 ; enregistrez-le en UTF-8 pour le vérifier',
  'file.read-only': '{path} : non corrigé, le fichier est en lecture seule',
  'file.folder-not-writable': '{path} : non corrigé, impossible d’écrire dans le dossier ({detail})',
  'file.write-failed': '{path} : non corrigé, erreur d’écriture ({detail})',
  'file.reason.ENOENT': 'lien vers un fichier absent',
  'file.reason.ELOOP': 'boucle de liens symboliques',
  'file.reason.EACCES': 'permission refusée',
  'file.reason.EPERM': 'opération non permise',
  'file.reason.EROFS': 'système de fichiers en lecture seule',
  'cli.prefix': 'glossaire : ',
  'cli.unknown-option': 'option inconnue : {option}',
  'cli.unknown-command': 'commande inconnue : {command}',
  'cli.needs-value': '{option} attend une valeur',
  'cli.bad-format': '--format : text ou json, pas « {value} »',
  'cli.bad-locale': 'langue « {value} » non prise en charge : fr ou en',
  'cli.stdin-fix': '« - » (l’entrée standard) avec --fix doit être le seul chemin, sans --format json : le texte corrigé est écrit sur la sortie standard',
  'cli.see-help': 'glossaire --help pour l’aide.',
  'cli.no-files': 'aucun fichier Markdown à vérifier ({paths})',
  'cli.summary': '{files} fichier(s) vérifié(s), {findings} faute(s).',
  'cli.summary-fix': '{files} fichier(s) vérifié(s), {findings} faute(s), {fixed} fichier(s) corrigé(s).',
  'cli.summary-problems': '{count} chemin(s) non vérifié(s) ou non corrigé(s), voir plus haut.',
  'cli.fixed': 'corrigé « {word} » → « {fix} »',
  'cli.help': `Utilisation : glossaire check [options] [chemins…]

Vérifie l'orthographe des termes du glossaire dans des notes Markdown
(les dossiers sont parcourus à la recherche de fichiers *.md ; « - » lit l'entrée standard).

Options :
  --format text|json   format de sortie (text par défaut)
  --fix                corrige les fichiers avec la première suggestion
                       (avec « - » : écrit le texte corrigé sur la sortie standard)
  --glossary FICHIER   ajoute un glossaire (répétable)
  --no-builtin         n'utilise pas le glossaire intégré
  --no-workspace-glossaries
                       ne cherche pas les glossaires (glossaire.md, *.glossaire.md,
                       *.glossaire.json) dans le dossier de chaque note et au-dessus
  --verbose            indique les glossaires utilisés pour chaque fichier
  --locale fr|en       langue des messages (selon GLOSSAIRE_LOCALE, LC_ALL, LC_MESSAGES, LANG par défaut)
  -q, --quiet          n'affiche ni la progression ni le bilan
  -h, --help           cette aide
  -v, --version        version

Codes de sortie :
  0  aucune faute (avec --fix : toutes corrigées)
  1  des fautes (avec --fix : des fautes restent non corrigées)
  2  erreur d'usage, glossaire invalide, chemin illisible ou non corrigeable, ou aucun fichier à vérifier
`,
} as const;

/** Keys of the message catalogue. */
export type MessageKey = keyof typeof FR;

const EN: Record<MessageKey, string> = {
  'finding.known-misspelling': '"{word}" is a known misspelling: write "{fix}".',
  'finding.misspelled-term': '"{word}": misspelled glossary term, did you mean "{fix}"?',
  'finding.missing-accent': '"{word}": wrong accents, write "{fix}".',
  'finding.compound': '"{word}" is written "{fix}".',
  'finding.acronym-case': '"{word}" is written "{fix}" (acronym).',
  'finding.unaccented-note': 'This note seems written without accents: {count} glossary term(s) lack their accents (e.g. "{word}" → "{fix}").',
  'study.export.generated': '{count} concept(s), exported by Glossaire.',
  'study.export.usedIn': 'In your notes',
  'study.export.notUsed': 'Not in your notes yet.',
  'study.anki.notetype': 'Basic',
  'study.anki.notetypeReversed': 'Basic (and reversed card)',
  'study.csv.header': 'id,term,category,definition,synonyms,acronyms,occurrences,notes',
  'study.cli.written': '{count} concept(s) written to {file} ({format}).',
  'study.cli.badFormat': '--format: md, anki or csv, not "{value}".',
  'study.cli.noFormat': 'glossary export: --format md|anki|csv is required.',
  'study.cli.unknownCommand': 'glossary: unknown subcommand "{value}" (subcommands: {known}).',
  'study.cli.cannotWrite': 'cannot write {file}: {detail}.',
  'glossary.invalid-json': 'Invalid JSON: {detail}.',
  'glossary.not-object': 'The glossary must be a JSON object.',
  'glossary.unreadable': 'Cannot read the glossary ({path}): {detail}.',
  'glossary.no-such-file': 'no such file',
  'glossary.nesting': 'more than {max} levels of nesting',
  'glossary.missing-field': 'Missing required field "{field}".',
  'glossary.unknown-field': 'Unknown field "{field}".',
  'glossary.wrong-type': 'Field "{field}" must be {expected}.',
  'glossary.empty-field': 'Field "{field}" is empty.',
  'glossary.too-long': 'Field "{field}" holds a term that is too long ({length} characters, at most {max}).',
  'glossary.bad-id': 'Invalid id "{id}": lower-case ASCII letters, digits and hyphens only.',
  'glossary.duplicate-id': 'Id "{id}" is already used by another entry ({where}).',
  'glossary.duplicate-term': '"{term}" is already claimed by entry "{other}".',
  'glossary.misspelling-is-term': 'Misspelling "{term}" is a correct form of entry "{other}".',
  'glossary.misspelling-is-word': 'Misspelling "{term}" is a correct French word: it will be flagged wherever it appears.',
  'glossary.misspelling-accent-only': 'Misspelling "{term}" differs from "{other}" only by accents: the accent rule already flags it, remove it from "misspellings".',
  'glossary.unknown-relation': 'Relation to an unknown id "{id}".',
  'glossary.unknown-category': 'Unknown category "{id}".',
  'glossary.entry-dropped': 'Entry skipped.',
  'glossary.entry-not-object': 'An entry must be a JSON object { "id": …, "term": …, "category": …, "definition": … }.',
  'glossary.bad-category': 'Category #{index} is invalid: it must be an object { "id": …, "label": … } with a non-empty label.',
  'glossary.no-words': '"{term}" holds no word: it will never be recognised.',
  'glossary.has-digits': '"{term}" has a digit: words with digits are not checked, so it will not be recognised in notes.',
  'glossary.partly-read': '"{term}" will be read as "{read}" (the rest is not read as words).',
  'glossary.where': 'file {file}, entry {entry}, field {field}',
  'glossary.md-unknown-label': '"{label}" is not a known label ({known}): the line is read as text.',
  'glossary.md-empty-label': 'Label "{label}" has no value.',
  'glossary.md-single-value': '"{label}" takes one term: "{value}" is used, the rest is ignored.',
  'glossary.md-unknown-reference': '"{name}" ({label}) names no term of this glossary.',
  'glossary.md-duplicate-term': 'Term "{term}" is already defined on line {line}.',
  'glossary.md-no-definition': 'Term "{term}" has no definition: write a paragraph under its heading.',
  'glossary.md-empty-heading': 'Empty heading: write the category name (#) or the term (##).',
  'glossary.md-bad-id': 'Invalid id "{id}": lower-case ASCII letters, digits and hyphens only.',
  'glossary.md-duplicate-id': 'Id "{id}" is already used on line {line}.',
  'glossary.md-term-too-long': 'Term too long ({length} characters, at most {max}): a ## heading is a term, not a sentence.',
  'glossary.md-no-entries': 'No term: each term is a "## term" heading followed by its definition.',
  'glossary.md-unclosed-front-matter': 'Unclosed YAML front matter: add a "---" line.',
  'glossary.md-unknown-key': 'Unknown front matter key "{key}" ({known}).',
  'glossary.md-bad-value': 'Invalid value "{value}" for "{key}": {expected}.',
  'glossary.md-label-in-category': 'Only "Id" goes under a category; "{label}" belongs under a term (##).',
  'action.fix': 'Replace with "{fix}"',
  'action.fixAll': 'Fix all glossary typos in this file',
  'action.ignoreWorkspace': 'Ignore "{word}" in the workspace',
  'action.ignoreFile': 'Ignore "{word}" in this file',
  'action.restoreAccents': 'Restore the accents ({count} term(s))',
  'progress.indexing': 'Glossaire: indexing notes',
  'index.more-problems': 'Glossaire: more files could not be read while indexing (the first 20 are above).',
  'punct.colon': ':',
  'problem.error': 'error',
  'problem.warning': 'warning',
  'problem.entry': 'entry "{entry}"',
  'problem.field': 'field "{field}"',
  'problem.entryShort': 'entry {entry}',
  'problem.fieldShort': 'field {field}',
  'json.at': '{detail} (line {line}, column {column})',
  'json.InvalidSymbol': 'invalid symbol',
  'json.InvalidNumberFormat': 'invalid number format',
  'json.PropertyNameExpected': 'property name expected',
  'json.ValueExpected': 'value expected',
  'json.ColonExpected': '":" expected',
  'json.CommaExpected': 'comma expected',
  'json.CloseBraceExpected': '"}" expected',
  'json.CloseBracketExpected': '"]" expected',
  'json.EndOfFileExpected': 'end of file expected',
  'json.InvalidCommentToken': 'invalid comment',
  'json.UnexpectedEndOfComment': 'unclosed comment',
  'json.UnexpectedEndOfString': 'unclosed string',
  'json.UnexpectedEndOfNumber': 'incomplete number',
  'json.InvalidUnicode': 'invalid Unicode sequence',
  'json.InvalidEscapeCharacter': 'invalid escape character',
  'json.InvalidCharacter': 'invalid character',
  'json.Unknown': 'syntax error',
  'hover.didYouMean': 'Did you mean "{fix}"?',
  'diagnostics.more': '{count} more glossary typo(s) in this note are not shown (at most {max}: setting glossaire.maxDiagnostics).',
  'hover.advantages': 'Advantages',
  'hover.disadvantages': 'Disadvantages',
  'hover.synonyms': 'Synonyms',
  'hover.acronyms': 'Acronyms',
  'hover.forms': 'Forms',
  'hover.related': 'See also',
  'hover.broader': 'Kind of',
  'hover.examples': 'Examples',
  'hover.source': 'Source',
  'hover.category': 'Category',
  'scope.overrides': 'This glossary overrides {files}, which also defines "{term}".',
  'scope.yourNotes': 'Your notes',
  'scope.courseGlossary': 'Course glossary',
  'scope.definedIn': 'Defined in [{file}, line {line}]({link})',
  'scope.builtin': 'Built-in glossary',
  'scope.settings': 'Glossaries from the settings',
  'scope.harvested': 'Definitions from the notes',
  'cli.used-glossaries': '{file}: glossaries {list}',
  'cli.no-glossary': '(none)',
  'action.addToGlossary': 'Add "{word}" to the glossary…',
  'action.notATypo': 'Not a typo: add "{word}" to the glossary…',
  'glossary.new-category': 'New category',
  'file.missing': '{path}: no such file or directory',
  'file.unreadable': '{path}: cannot be read ({detail})',
  'file.not-regular': '{path}: skipped, not a regular file (device, pipe or socket)',
  'file.too-large': '{path}: skipped, larger than {max} MB',
  'file.not-utf8': '{path}: skipped, not UTF-8 (byte {detail}); save it as UTF-8 to check it',
  'file.utf16': '{path}: skipped, UTF-16 encoded; save it as UTF-8 to check it',
  'file.read-only': '{path}: not fixed, the file is read-only',
  'file.folder-not-writable': '{path}: not fixed, cannot write in its folder ({detail})',
  'file.write-failed': '{path}: not fixed, write error ({detail})',
  'file.reason.ENOENT': 'link to a missing file',
  'file.reason.ELOOP': 'symbolic link loop',
  'file.reason.EACCES': 'permission denied',
  'file.reason.EPERM': 'operation not permitted',
  'file.reason.EROFS': 'read-only file system',
  'cli.prefix': 'glossaire: ',
  'cli.unknown-option': 'unknown option: {option}',
  'cli.unknown-command': 'unknown command: {command}',
  'cli.needs-value': '{option} needs a value',
  'cli.bad-format': '--format: text or json, not "{value}"',
  'cli.bad-locale': 'unsupported language "{value}": fr or en',
  'cli.stdin-fix': '"-" (standard input) with --fix must be the only path, without --format json: the fixed text goes to standard output',
  'cli.see-help': 'glossaire --help for help.',
  'cli.no-files': 'no Markdown file to check ({paths})',
  'cli.summary': '{files} file(s) checked, {findings} finding(s).',
  'cli.summary-fix': '{files} file(s) checked, {findings} finding(s), {fixed} file(s) fixed.',
  'cli.summary-problems': '{count} path(s) not checked or not fixed, see above.',
  'cli.fixed': 'fixed "{word}" → "{fix}"',
  'cli.help': `Usage: glossaire check [options] [paths…]

Checks the spelling of glossary terms in Markdown notes
(folders are searched for *.md files; "-" reads standard input).

Options:
  --format text|json   output format (text by default)
  --fix                fix files with the first suggestion
                       (with "-": writes the fixed text to standard output)
  --glossary FILE      add a glossary (repeatable)
  --no-builtin         do not use the built-in glossary
  --locale fr|en       message language (from GLOSSAIRE_LOCALE, LC_ALL, LC_MESSAGES, LANG by default)
  -q, --quiet          no progress line, no summary
  -h, --help           this help
  -v, --version        version

Exit codes:
  0  no findings (with --fix: all fixed)
  1  findings (with --fix: some findings left unfixed)
  2  usage error, invalid glossary, a path that could not be read or fixed, or no file to check
`,
};


/** Picks the catalogue for a BCP 47 locale ("fr-CA" → fr); French unless it is English. */
export function toLocale(tag: string | undefined): Locale {
  return parseLocale(tag) ?? 'fr';
}

/**
 * The locale a tag names, or undefined for another language: BCP 47 ("en-GB") and POSIX
 * ("en_US.UTF-8", "fr_FR@euro") forms. (`\b` did not end "en" before "_": en_US gave French.)
 */
export function parseLocale(tag: string | undefined): Locale | undefined {
  const m = tag ? /^([a-z]{2,3})(?:[-_.@]|$)/i.exec(tag) : null;
  const lang = m?.[1].toLowerCase();
  return lang === 'en' || lang === 'fr' ? lang : undefined;
}

// Each message split once, at load, into literal text and {names}: the server formats one per
// diagnostic at every keystroke, a regex replace each time was a tenth of that work.
const COMPILED: Record<Locale, Record<MessageKey, string[]>> = {
  fr: compileCatalogue(FR),
  en: compileCatalogue(EN),
};

function compileCatalogue(catalogue: Record<MessageKey, string>): Record<MessageKey, string[]> {
  const out = {} as Record<MessageKey, string[]>;
  for (const key of Object.keys(catalogue) as MessageKey[]) out[key] = catalogue[key].split(/\{(\w+)\}/);
  return out;
}

/** True when `key` is a message of the catalogue. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(FR, key);
}

/** Formats a message of the catalogue. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const parts = COMPILED[locale][key];
  let out = parts[0];
  for (let k = 1; k < parts.length; k += 2) {
    const value = params[parts[k]];
    out += (value === undefined || value === null ? `{${parts[k]}}` : String(value)) + parts[k + 1];
  }
  return out;
}
