import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FINDING_CODES } from '../../server/src/service/analyze';
import { findingMessage } from '../../server/src/service/diagnostics';
import { t, toLocale } from '../../server/src/service/messages';
import { findings } from './helpers';

describe('diagnostics and messages', () => {
  it('names the flagged word and the fix, in French and English', () => {
    const [f] = findings('Avec l’inforgérance.');
    assert.equal(findingMessage(f, 'fr'), '« inforgérance » est une faute connue : écrire « infogérance ».');
    assert.equal(findingMessage(f, 'en'), '"inforgérance" is a known misspelling: write "infogérance".');
  });

  it('has a message for every finding code', () => {
    for (const code of FINDING_CODES) {
      const msg = findingMessage({ start: 0, end: 1, word: 'w', code, severity: 'warning', entryId: 'e', suggestions: ['f'] }, 'fr');
      assert.ok(msg.includes('w') && !msg.includes('{'), `${code}: ${msg}`);
    }
  });

  it('counts the terms of a note-level finding', () => {
    const msg = findingMessage({ start: 0, end: 1, word: 'w', code: 'glossaire.unaccented-note', severity: 'information', entryId: 'e', suggestions: ['f'], edits: [{ start: 0, end: 1, newText: 'f' }, { start: 2, end: 3, newText: 'g' }] }, 'en');
    assert.match(msg, /2 glossary term/);
  });

  it('picks the locale from a BCP 47 tag', () => {
    assert.equal(toLocale('en-US'), 'en');
    assert.equal(toLocale('fr-CA'), 'fr');
    assert.equal(toLocale(undefined), 'fr');
    assert.equal(t('en', 'glossary.unknown-category', { id: 'x' }), 'Unknown category "x".');
  });
});
