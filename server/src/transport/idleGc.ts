/**
 * Young-generation collection between keystrokes. Each keystroke's work allocates ~0.3 MB,
 * and the housekeeping after its diagnostics are written (document.ts, incremental.ts) more;
 * left alone, V8 collects the young generation when it fills up, in the middle of whichever
 * keystroke comes then: one in ten paid a 1–7 ms scavenge. Browsers collect in idle time;
 * Node has no idle-time GC, so the server asks for a minor collection itself once the young
 * generation is half full, right after a publish, when nothing waits on it. Only the minor
 * (scavenge) kind, and only past the threshold: the collection costs what V8's own would.
 * Off where the runtime does not allow it (then V8 collects as usual).
 */

import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'minor' | 'major' }) => void;

let collect: Collect | null | undefined;

function getCollect(): Collect | null {
  if (collect === undefined) {
    try {
      // A context made after the flag is set has `gc` (the usual way to reach it at run time).
      setFlagsFromString('--expose-gc');
      const fn = runInNewContext('gc') as unknown;
      collect = typeof fn === 'function' ? (fn as Collect) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/** Share of the young generation in use past which it is collected now. */
const THRESHOLD = 0.5;

/**
 * Collects the young generation when it is at least half full. Call it when the server has
 * just answered and has nothing else to do.
 * @returns whether a collection ran.
 */
export function collectYoungGeneration(): boolean {
  if (process.env.GLOSSAIRE_IDLE_GC === 'off') return false;
  let young: { space_used_size: number; space_available_size: number } | undefined;
  for (const space of getHeapSpaceStatistics()) if (space.space_name === 'new_space') young = space;
  // space_size counts both semi-spaces; what can be allocated before a scavenge is used + available.
  if (!young || young.space_used_size < (young.space_used_size + young.space_available_size) * THRESHOLD) return false;
  const gc = getCollect();
  if (!gc) return false;
  gc({ type: 'minor' });
  return true;
}
