/**
 * Worker of the adversarial-notes test: analyses one adversarial note (by name) and reports the
 * time it took, so that a hang is a failure naming its input instead of a stuck test run.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { getCompletions } from '../../server/src/service/completion';
import { getHover } from '../../server/src/service/hover';
import { LineIndex } from '../../server/src/service/positions';
import { analyze, builtinGlossary } from './helpers';
import { ADVERSARIAL, assertAnalysis } from './fuzzText';

const { name } = workerData as { name: string };
try {
  builtinGlossary(); // loaded before the clock starts
  const text = ADVERSARIAL.find(([n]) => n === name)![1]();
  const t0 = performance.now();
  const a = analyze(text);
  const lines = new LineIndex(text);
  for (const o of [0, 1, text.length >> 1, text.length - 1, text.length]) {
    getCompletions(text, o, builtinGlossary());
    getHover(a, o, builtinGlossary(), 'fr');
    lines.offsetAt(lines.positionAt(o));
  }
  const ms = performance.now() - t0;
  assertAnalysis(text, a);
  parentPort!.postMessage({ ms, length: text.length });
} catch (e) {
  parentPort!.postMessage({ error: (e as Error).stack ?? String(e) });
}
