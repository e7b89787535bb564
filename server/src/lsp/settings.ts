/**
 * Settings as the server may use them: whatever the client sends (a hand-edited settings.json,
 * another editor's init options), each value of the wrong type falls back to its default, so a
 * bad setting never stops the checking. `glossaries: "x.json"` is not read as the paths "x",
 * ".", "j"…, and `ignoreWords: [1]` no longer makes every analysis throw.
 */

import { DEFAULT_SETTINGS, GlossaireSettings } from '../shared/protocol';

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Settings with every value of the expected type (defaults in place of the others). */
export function sanitizeSettings(raw: unknown): GlossaireSettings {
  const s = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const flag = (key: 'enable' | 'useBuiltinGlossary' | 'indexWorkspace') => (typeof s[key] === 'boolean' ? (s[key] as boolean) : DEFAULT_SETTINGS[key]);
  const strings = (key: 'ignoreWords' | 'glossaries' | 'languages') => {
    const v = s[key];
    const list = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
    return list.length > 0 || (Array.isArray(v) && key !== 'languages') ? list : [...DEFAULT_SETTINGS[key]];
  };
  const severity: GlossaireSettings['severity'] = {};
  if (s.severity !== null && typeof s.severity === 'object' && !Array.isArray(s.severity)) {
    for (const [code, level] of Object.entries(s.severity)) if (typeof level === 'string' && SEVERITIES.has(level)) severity[code] = level as GlossaireSettings['severity'][string];
  }
  return {
    ...s,
    enable: flag('enable'),
    severity,
    ignoreWords: strings('ignoreWords'),
    glossaries: strings('glossaries'),
    useBuiltinGlossary: flag('useBuiltinGlossary'),
    languages: strings('languages'),
    indexWorkspace: flag('indexWorkspace'),
    maxDiagnostics: typeof s.maxDiagnostics === 'number' && s.maxDiagnostics >= 1 ? Math.floor(Math.min(s.maxDiagnostics, 1e6)) : DEFAULT_SETTINGS.maxDiagnostics,
  };
}
