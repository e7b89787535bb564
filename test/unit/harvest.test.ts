import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { harvestDefinitions, HarvestedDefinition, mayDefine, walkDefinitions } from '../../server/src/service/harvest';
import { ROOT } from './helpers';

/** "term [/ alias…] := definition" for each harvested definition, in order. */
function harvest(text: string): string[] {
  return harvestDefinitions(text).map((d) => `${[d.term, ...d.aliases].join(' / ')} := ${d.definition}`);
}

/** Asserts the ranges give back the term as written and the definition's text. */
function assertRanges(text: string, d: HarvestedDefinition, termAsWritten: string): void {
  assert.equal(text.slice(d.termRange.start, d.termRange.end), termAsWritten);
  const written = text.slice(d.definitionRange.start, d.definitionRange.end);
  assert.equal(written.split(/\r\n|\r|\n/).map((l) => l.trim().replace(/^>\s?/, '')).join('\n').normalize('NFC'), d.definition);
}

describe('harvest: the patterns', () => {
  it('**Terme** = définition, with the lines that continue it', () => {
    const text = 'Intro.\n\n**Routage** = choix du chemin que suit un paquet\n⇒ fait par les routeurs\nIl dépend de tables mises à jour.\n\nAutre paragraphe.\n';
    const [d] = harvestDefinitions(text);
    assert.deepEqual(harvest(text), ['routage := choix du chemin que suit un paquet\n⇒ fait par les routeurs\nIl dépend de tables mises à jour.']);
    assert.equal(d.pattern, 'bold-separator');
    assertRanges(text, d, 'Routage');
  });

  it('**Terme** : déf, **Terme :** déf, **Terme** ⇒ / → / -> déf', () => {
    const text = [
      '**Commutateur** : boîtier qui relie les machines d\'un réseau local.', '',
      '**Pare-feu :** filtre qui laisse passer ou bloque le trafic selon des règles.', '',
      '**Passerelle** ⇒ machine qui fait sortir le trafic vers un autre réseau.', '',
      '**Latence** → temps que met un paquet pour traverser le réseau.', '',
      '__Gigue__ -> variation de la latence d\'un paquet à l\'autre.', '',
    ].join('\n');
    assert.deepEqual(harvest(text), [
      'commutateur := boîtier qui relie les machines d\'un réseau local.',
      'pare-feu := filtre qui laisse passer ou bloque le trafic selon des règles.',
      'passerelle := machine qui fait sortir le trafic vers un autre réseau.',
      'latence := temps que met un paquet pour traverser le réseau.',
      'gigue := variation de la latence d\'un paquet à l\'autre.',
    ]);
  });

  it('**A / B** ⇒ …: two names of one concept; "SIGLE (expansion)" too', () => {
    const text = '**DNS / résolution de noms** ⇒ service qui traduit un nom en adresse.\n\n- **VPN (Virtual Private Network)** : tunnel chiffré entre deux réseaux distants.\n';
    const ds = harvestDefinitions(text);
    assert.deepEqual(harvest(text), ['DNS / résolution de noms := service qui traduit un nom en adresse.', 'VPN / Virtual Private Network := tunnel chiffré entre deux réseaux distants.']);
    assertRanges(text, ds[0], 'DNS');
    assertRanges(text, ds[1], 'VPN');
  });

  it('a list item that starts with a bold term, its indented lines included; sub-items are their own', () => {
    const text = '- **Trame** : unité de données de la couche liaison,\n  avec un en-tête et un contrôle d\'erreur.\n  - **Préambule** : suite de bits qui annonce le début d\'une trame.\n* **Paquet** - unité de données de la couche réseau, routée d\'un bout à l\'autre.\n';
    const ds = harvestDefinitions(text);
    assert.deepEqual(harvest(text), [
      'trame := unité de données de la couche liaison,\navec un en-tête et un contrôle d\'erreur.',
      'préambule := suite de bits qui annonce le début d\'une trame.',
      'paquet := unité de données de la couche réseau, routée d\'un bout à l\'autre.',
    ]);
    assert.deepEqual(ds.map((d) => d.pattern), ['bold-list-item', 'bold-list-item', 'bold-list-item']);
  });

  it('determiner + term + verb, bold or not, the determiner inside or outside the bold', () => {
    const text = [
      'L\'**encapsulation** est le fait d\'ajouter un en-tête à chaque couche.',
      '',
      'La segmentation est le fait de découper un message en morceaux.',
      '',
      '- **Le multiplexage** désigne le partage d\'un support par plusieurs flux.',
      '- Le routage statique consiste à écrire les routes à la main, une par une.',
      '',
      'Rappel du cours :\nLe contrôle de flux fait référence à la régulation du débit entre émetteur et récepteur.',
      '',
      'Une **adresse MAC** est un identifiant gravé dans la carte réseau.',
      '',
      'Le **masquage** se définit comme le remplacement des adresses internes par une seule.',
    ].join('\n');
    const ds = harvestDefinitions(text);
    assert.deepEqual(harvest(text), [
      'encapsulation := le fait d\'ajouter un en-tête à chaque couche.',
      'segmentation := le fait de découper un message en morceaux.',
      'multiplexage := le partage d\'un support par plusieurs flux.',
      'routage statique := écrire les routes à la main, une par une.',
      'contrôle de flux := la régulation du débit entre émetteur et récepteur.',
      'adresse MAC := un identifiant gravé dans la carte réseau.',
      'masquage := le remplacement des adresses internes par une seule.',
    ]);
    assert.ok(ds.every((d) => d.pattern === 'verb'));
    assertRanges(text, ds[0], 'encapsulation');
    assertRanges(text, ds[4], 'contrôle de flux');
  });

  it('a table with a term column and a definition column', () => {
    const text = '| **Terme** | **Définition** | Chapitre |\n| --- | --- | --- |\n| **Sous-réseau** | Partie d\'un réseau définie par un masque | 2 |\n| ARP | Trouve l\'adresse MAC d\'une adresse IP | 3 |\n| 42 | pas un terme, un nombre | 4 |\n\n| Protocole | Port |\n| --- | --- |\n| HTTP | quatre-vingts |\n';
    const ds = harvestDefinitions(text);
    assert.deepEqual(harvest(text), ['sous-réseau := Partie d\'un réseau définie par un masque', 'ARP := Trouve l\'adresse MAC d\'une adresse IP']);
    assert.ok(ds.every((d) => d.pattern === 'table'));
    assertRanges(text, ds[1], 'ARP');
  });

  it('a definition in a quote, introduced by a bold label on the line above', () => {
    const text = '> **À retenir :**\n> L\'**adressage** consiste à donner à chaque interface un numéro unique.\n';
    assert.deepEqual(harvest(text), ['adressage := donner à chaque interface un numéro unique.']);
  });

  it('reads CRLF, CR and NFD text, with ranges in the text as written', () => {
    const lf = 'La délocalisation des serveurs désigne leur déplacement vers un autre pays.\n\n**Réseau étendu** = réseau qui couvre une région entière.\n';
    const expected = harvest(lf);
    assert.equal(expected.length, 2);
    for (const text of [lf.replace(/\n/g, '\r\n'), lf.replace(/\n/g, '\r'), lf.normalize('NFD')]) {
      assert.deepEqual(harvest(text), expected);
      const ds = harvestDefinitions(text);
      assert.equal(text.slice(ds[1].termRange.start, ds[1].termRange.end).normalize('NFC'), 'Réseau étendu');
    }
  });
});

describe('harvest: general rules for precision and recall', () => {
  const ROUTEUR = 'un appareil qui relie plusieurs réseaux entre eux';

  it('a list item with a plain label and a colon, a determiner allowed before it', () => {
    const text = [
      `- Routeur : ${ROUTEUR}.`,
      '- Le pare-feu: un filtre qui laisse passer ou bloque le trafic réseau.',
      '+ DHCPACK : réponse du serveur qui confirme le bail au client.',
      'Commutateur : une ligne de paragraphe, pas un élément de liste ici.',
    ].join('\n\n');
    const ds = harvestDefinitions(text);
    assert.deepEqual(ds.map((d) => d.term), ['routeur', 'pare-feu', 'DHCPACK']);
    assert.ok(ds.every((d) => d.pattern === 'list-item'));
    assertRanges(text, ds[1], 'pare-feu');
    // Not a term: a long label, a sentence, digits, a single letter, a label announcing a part.
    for (const item of [
      '- Le routeur de la salle de cours numéro deux : il relie les réseaux entre eux.',
      '- Couche 3 : la couche qui route les paquets entre les réseaux.',
      '- V : le nombre de niveaux que prend le signal transmis.',
      '- Exemple de routage : un paquet qui passe par trois routeurs.',
      '- Source schéma : le support de cours du deuxième semestre.',
      '- Idée : associer une adresse à un nom qui ne lui appartient pas.',
    ]) assert.deepEqual(harvest(item), [], item);
  });

  it('a term the note has defined already is not defined again by a plain label', () => {
    const text = `**Routeur** : ${ROUTEUR}.\n\n- Routeur : se configure depuis une console de la salle.\n`;
    assert.deepEqual(harvestDefinitions(text).map((d) => d.pattern), ['bold-separator']);
  });

  it('a list under a heading or lead-in that names examples, objectives, features… lists no terms', () => {
    const items = `- **Routeur** : ${ROUTEUR}.\n- **Commutateur** : un appareil qui relie les machines d'un même réseau.\n`;
    assert.equal(harvest(`## Vocabulaire\n\n${items}`).length, 2);
    assert.deepEqual(harvest(`## Exemples d'équipements\n\n${items}`), []);
    assert.deepEqual(harvest(`Le projet poursuit deux objectifs :\n\n${items}`), []);
    assert.deepEqual(harvest(`- Les équipements sont :\n  - Routeur : ${ROUTEUR}.\n`), []);
    // A paragraph that introduces nothing of the kind, or a new heading, ends the lead-in.
    assert.equal(harvest(`Deux objectifs :\n\n- Réduire les coûts du service.\n\nLe matériel du cours.\n\n${items}`).length, 2);
    assert.equal(harvest(`## Fonctionnalités\n\nTexte.\n\n## Lexique\n\n${items}`).length, 2);
    // A remark in the heading's parentheses is not what it lists; a bold line alone heads a part.
    assert.equal(harvest(`## Fiche de poste (un exemple)\n\n${items}`).length, 2);
    assert.equal(harvest(`## Exemples\n\n**Vocabulaire du réseau**\n\n${items}`).length, 2);
    assert.deepEqual(harvest(`## Cours\n\n**Exemples d'équipements**\n\n${items}`), []);
    // The label is a whole word, in any case, its "e" accented or not, NFC or NFD.
    for (const heading of ['## ÉTAPES du projet', '## Les CRITÈRES de choix', '## E\u0301tapes', '## Étapes', '## Quelques résultats']) assert.deepEqual(harvest(`${heading}\n\n${items}`), [], heading);
    for (const heading of ['## Étapement', '## Critérium', '## Exemplaire']) assert.equal(harvest(`${heading}\n\n${items}`).length, 2, heading);
    // A sub-list's lead-in covers its sub-items only.
    assert.deepEqual(harvest(`- Caractéristiques :\n  - **Débit** : une mesure de la quantité de données transmises par seconde.\n- **Routeur** : ${ROUTEUR}.\n`), [`routeur := ${ROUTEUR}.`]);
  });

  it('a definition is not a list of names or tasks, narration, a circumstance, a formula or a participle', () => {
    for (const def of [
      'Windows, Office, Azure, Teams',
      'Thalès, Safran, Dassault...',
      'installer le poste, former les utilisateurs, suivre les tickets',
      'Ils peuvent intervenir à tout moment dans le projet',
      'par son nom ou par son adresse postale complète',
      'pour gérer les communications entre les couches',
      'en cas de panne, le service bascule sur le second site',
      'Vp = Ap cos(2 pi f t) pour une onde porteuse',
      'imposé par défaut au siège du prestataire choisi',
    ]) assert.deepEqual(harvest(`- **Objet** : ${def}\n`), [], def);
    // …but these are definitions.
    for (const def of [
      'il s\'agit de la date à laquelle le produit doit être livré',
      'elle désigne la personne qui pilote le projet au quotidien',
      'unité de données de la couche liaison, avec un en-tête',
      'entité à laquelle le client confie la gestion de son parc',
      'partition du disque réservée au système et à ses journaux',
      'les bits partent un à la fois, sur un seul fil, dans un ordre fixe, sans parallélisme',
    ]) assert.equal(harvest(`- **Objet** : ${def}\n`).length, 1, def);
  });

  it('names: "A ou B", an acronym after its words (capitalised as they like), degree and negation words', () => {
    assert.deepEqual(harvest('- **Chef de projet ou Pilote** : la personne qui conduit le projet au quotidien.\n'),
      ['chef de projet / pilote := la personne qui conduit le projet au quotidien.']);
    assert.deepEqual(harvest('- **Revue Technique (RT)** : une réunion où l\'équipe présente son avancement au client.\n'),
      ['Revue Technique / RT := une réunion où l\'équipe présente son avancement au client.']);
    assert.deepEqual(harvest('- **Revue Technique** : une réunion où l\'équipe présente son avancement au client.\n'), []);
    for (const term of ['Prestation peu détaillée', 'Offre assez chère', 'Service non fiable']) {
      assert.deepEqual(harvest(`- **${term}** : une remarque sur le cahier des charges du client.\n`), [], term);
    }
  });
});

describe('harvest: what is not a definition', () => {
  it('sentence fragments, pronouns, structure labels, proper names, judgements, short or empty values', () => {
    const text = [
      '**Avantages :** rapide à mettre en place et peu coûteux.',
      '**Remarque** : il faut toujours tester la configuration avant.',
      '- **Exemple** : un routeur domestique qui fait aussi le Wi-Fi.',
      '**Ce qui compte** : comprendre le chemin des paquets dans le réseau.',
      '**Objectifs :**',
      '- **Durée** : non précisée dans le contrat de service',
      '- **Cisco Systems** : constructeur de matériel réseau depuis longtemps.',
      '- **Étape 2** : configurer les adresses de toutes les machines.',
      '- **Débit** : rapide',
      '**Protocole** : Vous devez le configurer avant le cours de demain.',
      '**Source** : https://example.org/cours',
      'Le service qu\'il désigne change selon le contexte du réseau.',
      'Cette méthode consiste à tout vérifier.',
      'La personne qui consiste à rien faire ici.',
      'Il désigne le routeur principal de la salle.',
      'Ce protocole désigne le routeur principal de la salle.',
      'Un paquet est un ensemble de données transmis en une fois.',
      '```',
      '**Code** = une ligne de code qui ressemble à une définition ici',
      '```',
      '    **Indenté** = un bloc de code indenté, pas une définition',
      '# **Titre** : un titre n\'est pas une définition non plus',
    ].join('\n\n');
    assert.deepEqual(harvest(text), []);
  });

  it('a term of more than four words, or with digits or sentence punctuation', () => {
    const text = [
      '**Le protocole de routage dynamique interne** = un protocole qui échange des routes.',
      '**IPv6** = la nouvelle version du protocole internet.',
      '**Quoi faire ?** : regrouper les fonctions en modules bien séparés.',
      '**Réseau, sécurité** : deux notions qui vont toujours ensemble ici.',
    ].join('\n\n');
    assert.deepEqual(harvest(text), []);
  });

  it('front matter is metadata', () => {
    assert.deepEqual(harvest('---\ntitle: **Réseau** = un titre de note ici\n---\n\nTexte.\n'), []);
    assert.deepEqual(harvest('\uFEFF--- \n**Réseau** = une clé de métadonnées ici\n---\n'), []);
  });

  it('reads code and prose as the analysis does (the block pass of blocks.ts)', () => {
    const def = '**Routeur** = un appareil qui relie plusieurs réseaux entre eux';
    // Code: a tilde fence, a fence still open at the end, a reference definition line.
    assert.deepEqual(harvest(`~~~~\n${def}\n~~~\n`), []);
    assert.deepEqual(harvest(`Texte.\n\n\`\`\`\n${def}\n`), []);
    // Not code: a fence whose info string has a backtick, a paragraph indented inside a list item.
    assert.deepEqual(harvest(`\`\`\` a\`b\n\n${def}\n`), ['routeur := un appareil qui relie plusieurs réseaux entre eux']);
    assert.deepEqual(harvest(`- Premier point du cours.\n\n    ${def}\n`), ['routeur := un appareil qui relie plusieurs réseaux entre eux']);
    // A block ends at a thematic break or a heading, not at a "#" that opens none.
    assert.deepEqual(harvest(`${def}\n---\nLa suite.\n`), ['routeur := un appareil qui relie plusieurs réseaux entre eux']);
    assert.deepEqual(harvest(`${def}\n#reseau\n`), ['routeur := un appareil qui relie plusieurs réseaux entre eux\n#reseau']);
  });

  it('never throws and stays linear on odd input', () => {
    for (const text of ['', '**', '****', '** **', '**a**', '| a |', '|---|', '> ', '- ', 'L\'** **', '**x** =', '**x / / y** = z'.repeat(3), '|'.repeat(5000), '**'.repeat(5000), 'désigne '.repeat(3000), '- un élément sans deux-points\n'.repeat(20000), '# Exemples :\n- a : b c d e\n'.repeat(3000),
      // A long run of "#" before a list item, and many enumerating headings without a bold line: each line and heading is read once.
      'x' + '#'.repeat(100000) + '\n- Passerelle : relie deux réseaux\n', '# Exemples\n\n- Outil : un logiciel de calcul\n\n'.repeat(20000) + '**Fin**\n',
      // Many headings between code blocks: whether a heading is prose is a look-up, not a walk over the segments.
      '# Exemples\n\n```\nx\n```\n\n- Outil : un logiciel\n\n'.repeat(20000),
      // Thousands of labelled items and no heading: each is screened, and the look back for a heading stops where the last one did.
      '- Outil : un logiciel de calcul\n'.repeat(20000),
      // The same under one heading that names an enumeration: each item is turned away, and each look back stops where the last one did.
      '# Exemples\n\n' + '- Outil : un logiciel de calcul\n'.repeat(20000),
      // Thousands of labelled items, each a new term: whether a label was defined before is a look-up.
      Array.from({ length: 20000 }, (_, k) => `- terme${String.fromCharCode(97 + (k % 26), 97 + ((k / 26) % 26 | 0), 97 + ((k / 676) % 26 | 0))} : un logiciel de calcul\n`).join('')]) {
      assert.ok(Array.isArray(harvestDefinitions(text)));
    }
  });
});

/** Pieces of definition-shaped notes: line starts, determiners, bold, terms, separators, verbs, tables, headings, line ends. */
const PIECES = [
  '', '', '- ', '* ', '+ ', '1. ', '2) ', '> ', '>  - ', '  ', '\t', '    ', '-\t', '1.\t', '12345678901. ',
  "L'", 'L’', 'Le ', 'la ', 'Les ', 'Un ', 'une ', 'LE ',
  '**', '**', '__', '*', '_', '`', ' ** ',
  'routeur', 'Routeur', 'cloud computing', 'SSII / ESN', 'SaaS (Software as a Service)', 'adresse IP', 'Définition', 'Exemples', 'infogérance', 'Trois objectifs', 'DHCPACK', 'mise à jour', 'il', '42',
  ' = ', ' : ', ':', ' :', '\u00a0: ', ' ⇒ ', ' → ', ' -> ', ' => ', ' – ', ' - ', ' (privé) ',
  ' est un ', ' est une ', ' sont des ', ' désigne ', ' de\u0301signe ', ' DÉSIGNE ', ' Désigne ', ' est le fait de ', ' est l’action de ', ' consiste à ', ' consistent en ',
  ' fait référence à ', ' fait re\u0301fe\u0301rence aux ', ' FAIT RÉFÉRENCE À ', ' se définit comme ',
  'un appareil qui relie plusieurs réseaux entre eux', 'confier une partie de son informatique à un prestataire', 'voir plus bas', 'le fait de', '.', ' ; ', '!',
  '| Terme | Définition |', '| Mot | Sens |', '|DÉFINITION|Notion|', '| Critère | Interne |', '| --- | --- |', '|---|---|', ' | ', '|',
  '# Exemples', '## Réseau', '### Fonctionnalités', '## Avantages (exemple)', '# Réseau (exemples)', '**Compétences**', '**Étapes**', '\u00a0**Exemples**', '> **Avantages**', '```', '---', '<!--', '-->',
  '\n', '\n', '\n', '\r\n', '\r', '\n\n', '\n\n',
];
const piece = fc.constantFrom(...PIECES);
/** A line shaped like a definition (start, determiner, bold, term, bold, separator, text), any part of it maybe another piece. */
const definitionLine = fc
  .tuple(
    fc.constantFrom('', '- ', '* ', '1. ', '> ', '  ', '\t'),
    fc.constantFrom('', '', "L'", 'Le ', 'la ', 'Une '),
    fc.constantFrom('', '**', '__'),
    fc.constantFrom('routeur', 'Routeur', 'cloud computing', 'SSII / ESN', 'SaaS (Software as a Service)', 'adresse IP', 'infogérance', 'Définition :', 'Exemples', 'Trois objectifs', 'il dit', 'mise à jour', 'DHCPACK'),
    fc.constantFrom(' = ', ' : ', ': ', ' ⇒ ', ' → ', ' -> ', ' – ', ' - ', ' (privé) est un ', ' est un ', ' désigne ', ' de\u0301signe ', ' DÉSIGNE ', ' est le fait de ', ' consiste à ', ' fait référence à ', ' se définit comme ', ' ', ''),
    fc.constantFrom('un appareil qui relie plusieurs réseaux entre eux', 'confier une partie de son informatique à un prestataire', 'voir plus bas', 'le fait de', ''),
    fc.array(fc.tuple(fc.nat(7), piece), { maxLength: 3 }),
  )
  .map(([start, det, bold, term, sep, def, swaps]) => {
    const parts: string[] = [start, det, bold, term, bold, sep, def];
    for (const [at, p] of swaps) parts[at % parts.length] = p;
    return parts.join('');
  });
/** A table with a header that may name a term and a definition column (any case, accents, emphasis). */
const definitionTable = fc
  .tuple(
    fc.constantFrom('| Terme | Définition |', '| Mot | Sens |', '|DÉFINITION|Notion|', '| **Terme** | *Défi*nition |', '| Notion | De\u0301finition |', 'Terme | Signification', '| Critère | Interne |', '> | Sigle | Meaning |', '| Terme | Défìnitiøn |'),
    fc.constantFrom('| --- | --- |', '|---|---|', ' :-- | --: ', '| - | - |'),
    fc.array(fc.constantFrom('| routeur | un appareil qui relie les réseaux |', '| **VPN** | réseau privé virtuel<br>entre deux sites |', '| 42 | rien |', 'SaaS | logiciel en tant que service'), { maxLength: 3 }),
  )
  .map(([head, delimiter, rows]) => [head, delimiter, ...rows].join('\n'));
/** A heading (naming an enumeration or not), maybe read as one by the walk, then list items with labels. */
const headedList = fc
  .tuple(
    fc.constantFrom('', '\n', 'Un paragraphe.\n', '| a | b |\n| --- | --- |\n', '```\n', '**Exemples**\n', 'Voici :\n'),
    fc.constantFrom('# Exemples', '## Avantages (suite)', '## Réseau', '### Réseau (exemples)', '# Étapes | x', '**Compétences**'),
    fc.constantFrom('\n', '\n\n', '\n```\n', '\n| c |\n'),
    fc.array(fc.constantFrom('- Routeur : un appareil qui relie plusieurs réseaux entre eux', '- **VPN** : réseau privé virtuel', '  - Passerelle : relie deux réseaux', 'Un paragraphe.', '## Réseau', '# Exemples', '**Étapes**', '\u00a0**Avantages**', ''), { minLength: 1, maxLength: 4 }),
  )
  .map(([before, heading, after, items]) => before + heading + after + items.join('\n'));
const definitionShaped = fc
  .array(fc.oneof({ weight: 3, arbitrary: definitionLine }, { weight: 2, arbitrary: piece }, { weight: 1, arbitrary: definitionTable }, { weight: 1, arbitrary: headedList }), { maxLength: 16 })
  .chain((items) => fc.array(fc.constantFrom('\n', '\n\n', '\r\n', '\r', ' '), { minLength: items.length, maxLength: items.length }).map((ends) => items.map((x, k) => x + ends[k]).join('')));

describe('harvest: the screen (mayDefine)', () => {
  it('never hides a definition: random definition-shaped notes give what the walk alone gives', () => {
    let defining = 0;
    let screenedOut = 0;
    let tables = 0;
    fc.assert(
      fc.property(definitionShaped, (text) => {
        const walked = walkDefinitions(text);
        if (walked.length > 0) defining++;
        if (walked.some((d) => d.pattern === 'table')) tables++;
        if (!mayDefine(text)) screenedOut++;
        assert.deepEqual(harvestDefinitions(text), walked);
      }),
      { seed: Number(process.env.GLOSSAIRE_PROPERTY_SEED ?? 29), numRuns: Number(process.env.GLOSSAIRE_PROPERTY_RUNS ?? 3000) },
    );
    if (process.env.GLOSSAIRE_PROPERTY_RUNS) process.stdout.write(`screen: ${defining} defining notes (${tables} by a table), ${screenedOut} screened out\n`);
    // The property means something only when the notes define terms and the screen turns some away.
    assert.ok(defining > 100, `${defining} defining notes`);
    assert.ok(screenedOut > 100, `${screenedOut} notes screened out`);
    assert.ok(tables > 20, `${tables} notes defining by a table`);
  });

  it('starts the walk at a heading only where the whole walk reads one (a blank line above it, in prose)', () => {
    const item = '- Routeur : un appareil qui relie plusieurs réseaux entre eux\n';
    // Under "Exemples…" a list's labels are no terms; a heading the walk never reads must not hide it.
    const swallowed = `# Exemples d'outils\n| Outil | Usage |\n| --- | --- |\n| a | b |\n# Réseau | suite\n${item}`;
    const fenced = `# Exemples d'outils\n\n\`\`\`\n\n# Réseau\n\`\`\`\n${item}`;
    for (const text of [swallowed, fenced]) {
      assert.deepEqual(walkDefinitions(text), [], text);
      assert.deepEqual(harvestDefinitions(text), [], text);
    }
    // A heading the walk reads: the labels below it are terms again, found from it as from the start.
    const read = `# Exemples d'outils\n\n- Outil : un logiciel\n\n# Réseau\n\n${item}`;
    assert.deepEqual(harvest(read), ['routeur := un appareil qui relie plusieurs réseaux entre eux']);
    assert.deepEqual(harvestDefinitions(read), walkDefinitions(read));
  });

  it('a note of several sections: what one section says (an enumeration, a lead-in) ends at the next heading', () => {
    // The screen's walk starts at the first section that may define and stops at the last:
    // it must find what the whole walk finds, sections that define nothing in between.
    const filler = Array.from({ length: 30 }, (_, k) => `Une ligne de texte numéro ${k} sans définition.`).join('\n');
    const text = [
      '# Réseau', '', '- **Routeur** : un appareil qui relie des réseaux', '', filler, '',
      "# Exemples d'outils", '', '- Tableur : un logiciel de calcul', '', 'Trois objectifs :', '', filler, '',
      '# Matériel', '', '- Commutateur : relie les postes d’un même réseau', '', filler, '',
      '## Sécurité', '', 'Le pare-feu désigne le filtre placé entre deux réseaux.', '',
    ].join('\n');
    assert.deepEqual(harvestDefinitions(text), walkDefinitions(text));
    assert.deepEqual(harvest(text).map((d) => d.split(' := ')[0]), ['routeur', 'commutateur', 'pare-feu']);
  });

  it('turns away a list under a heading that names an enumeration only where the walk certainly holds that heading', () => {
    const items = '- Outil : un logiciel\n- **Tableur** : un logiciel de calcul\n';
    // Under "Exemples", the items' labels and bold are no terms: nothing for the walk to read.
    assert.equal(mayDefine(`# Exemples d'outils\n\n${items}`), false);
    assert.equal(mayDefine(`# Réseau\n\n${items}`), true);
    // A remark in parentheses is not what the heading lists.
    assert.equal(mayDefine(`# Réseau (exemples)\n\n${items}`), true);
    // Each heading is read for itself, a bold line alone under an earlier one notwithstanding.
    const twoHeadings = `# Exemples\n\n**Gras**\n\n- a : b\n\n# Avantages\n\n${items}`;
    assert.deepEqual(walkDefinitions(twoHeadings), []);
    assert.equal(mayDefine(twoHeadings), false);
    for (const text of [
      // A paragraph under the heading still defines by its bold.
      "# Exemples d'outils\n\n**Tableur** : un logiciel de calcul\n",
      // A bold line alone, then another heading the walk reads (no blank line above it), head the items instead.
      `# Exemples d'outils\n\n**Réseau**\n${items}`,
      `# Exemples d'outils\n\nUn paragraphe.\n# Réseau\n${items}`,
    ]) {
      assert.notDeepEqual(walkDefinitions(text), [], text);
      assert.deepEqual(harvestDefinitions(text), walkDefinitions(text), text);
    }
  });

  it('turns away notes without a definition, keeps each pattern', () => {
    const none = 'Du texte **en gras** au milieu.\n\n**Gras** en tête sans séparateur.\n\n**Gras** puis **autre** : un gras plus loin ne compte pas\n- il dit : bonjour à tous\n| Critère | Interne |\n| --- | --- |\n';
    assert.deepEqual(walkDefinitions(none), []);
    assert.equal(mayDefine(none), false);
    for (const text of ['**routeur** : un appareil', '- **routeur** ⇒ un appareil', "L'**infogérance** est le fait de confier", '- Routage : acheminer les paquets', '**Routeurs** ſont des appareils', '**Routeur** (matériel) est un appareil', '**Cloud** SE DÉFINIT COMME un modèle', '**Cloud** fait référence à un modèle', '**VPN** consiste à relier deux sites', '**Routeur** de\u0301signe un appareil', 'Le routage désigne le choix du chemin.', '| Terme | Définition |\n| --- | --- |\n| a | b |']) {
      assert.equal(mayDefine(text), true, text);
    }
  });
});

const SEED = join(ROOT, '..', 'shared', 'seed', '000_2ff0680cae5e3f54.txt');

(existsSync(SEED) ? describe : ((() => undefined) as unknown as typeof describe))('harvest: the student\'s notes (../shared)', () => {
  it('finds each definition with the right term and its whole definition', () => {
    const text = readFileSync(SEED, 'utf8');
    const ds = harvestDefinitions(text);
    const byTerm = new Map(ds.map((d) => [[d.term, ...d.aliases].join(' / '), d]));
    assert.deepEqual([...byTerm.keys()], ['externalisation', 'infogérance', 'délocalisation', 'offshore', 'nearshore', 'SSII / ESN', 'cloud computing', 'cloud']);
    const def = (term: string) => byTerm.get(term)!.definition;
    // Whole definitions: the lines that continue them are part of them.
    assert.equal(def('externalisation').split('\n').length, 3);
    assert.match(def('externalisation'), /^Employer une entreprise spécialisée/);
    assert.match(def('externalisation'), /\n⇒ Les différentes formes/);
    assert.match(def('externalisation'), /envers l'entreprise appelée$/);
    assert.match(def('infogérance'), /^le fait de déléguer la gestion/);
    assert.match(def('infogérance'), /\nIl y a de nombreux avantages comme une meilleure maîtrise des budgets/);
    assert.match(def('délocalisation'), /^le fait de déplacer une partie de son activité à l'étranger .*réputation$/);
    assert.match(def('offshore'), /^une délocation de service vers de pays étrangers éloignés$/);
    assert.match(def('nearshore'), /^le fait de recourir à des prestataires locaux.*proximité moyenne$/);
    assert.match(def('SSII / ESN'), /^Société spécialisée dans le secteur de l'informatique et des nouvelles technologies$/);
    assert.match(def('cloud computing'), /^l'utilisation de la mémoire .* liés par un réseau$/);
    assert.equal(def('cloud').split('\n').length, 2);
    assert.match(def('cloud'), /^Son niveau d'eternalisation varie.*\nIl fait évoluer l'infogérance/);
    for (const d of ds) assert.equal(text.slice(d.termRange.start, d.termRange.end).toLowerCase(), d.term.toLowerCase());
  });
});
