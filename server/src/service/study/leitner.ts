/**
 * A light spaced-repetition schedule: Leitner boxes. The state is plain JSON data that the
 * client keeps in the extension's storage (never in the notes); every function returns a new
 * state and takes the time as a parameter, so the schedule is deterministic and testable.
 */

/** Days before a concept in box n (index n − 1) is due again. */
export const BOX_INTERVALS_DAYS: readonly number[] = [1, 2, 4, 8, 16];

/** Number of boxes. */
export const BOX_COUNT = BOX_INTERVALS_DAYS.length;

const DAY_MS = 24 * 60 * 60 * 1000;

/** One concept's place in the schedule. */
export interface LeitnerCard {
  /** 1 (just learnt or forgotten) to BOX_COUNT (well known). */
  box: number;
  /** When the concept is due again (ms since the epoch). */
  due: number;
  /** Last review (ms since the epoch). */
  reviewed: number;
}

/** The schedule of one course: concept id → card. */
export interface LeitnerState {
  version: 1;
  cards: Record<string, LeitnerCard>;
}

/** How a review went: known (promoted), almost (stays, seen again tomorrow), forgotten (box 1). */
export type ReviewOutcome = 'known' | 'almost' | 'forgotten';

/** An empty schedule. */
export function emptyLeitnerState(): LeitnerState {
  return { version: 1, cards: {} };
}

/**
 * Reads a stored schedule defensively: anything that is not a valid state (an older format, a
 * hand-edited value) gives an empty one, and invalid cards are dropped.
 */
export function parseLeitnerState(value: unknown): LeitnerState {
  const state = emptyLeitnerState();
  if (!value || typeof value !== 'object' || (value as { version?: unknown }).version !== 1) return state;
  const cards = (value as { cards?: unknown }).cards;
  if (!cards || typeof cards !== 'object') return state;
  for (const [id, c] of Object.entries(cards as Record<string, unknown>)) {
    if (!c || typeof c !== 'object') continue;
    const { box, due, reviewed } = c as Record<string, unknown>;
    if (typeof box !== 'number' || !Number.isInteger(box) || box < 1 || box > BOX_COUNT) continue;
    if (typeof due !== 'number' || !Number.isFinite(due) || typeof reviewed !== 'number' || !Number.isFinite(reviewed)) continue;
    state.cards[id] = { box, due, reviewed };
  }
  return state;
}

/** Records a review of a concept at `now`; returns the new state (the old one is unchanged). */
export function recordReview(state: LeitnerState, conceptId: string, outcome: ReviewOutcome, now: number): LeitnerState {
  const old = state.cards[conceptId];
  let box: number;
  let days: number;
  if (outcome === 'known') {
    box = old ? Math.min(old.box + 1, BOX_COUNT) : 2;
    days = BOX_INTERVALS_DAYS[box - 1];
  } else if (outcome === 'almost') {
    // Not promoted, and asked again soon: the spelling is not there yet.
    box = old?.box ?? 1;
    days = 1;
  } else {
    box = 1;
    days = BOX_INTERVALS_DAYS[0];
  }
  return { version: 1, cards: { ...state.cards, [conceptId]: { box, due: now + days * DAY_MS, reviewed: now } } };
}

/** Concepts already reviewed and due again at `now` (« Concepts à revoir »), most overdue first. */
export function dueConcepts(state: LeitnerState, conceptIds: readonly string[], now: number): string[] {
  return conceptIds
    .filter((id) => state.cards[id] !== undefined && state.cards[id].due <= now)
    .sort((a, b) => state.cards[a].due - state.cards[b].due || state.cards[a].box - state.cards[b].box);
}

/**
 * The concepts of a quiz of `count` questions: due ones first (most overdue first), then never
 * reviewed ones (in the course's order), then the others by how soon they are due.
 */
export function pickQuizConcepts(state: LeitnerState, conceptIds: readonly string[], now: number, count: number): string[] {
  const due = dueConcepts(state, conceptIds, now);
  const fresh = conceptIds.filter((id) => state.cards[id] === undefined);
  const later = conceptIds.filter((id) => state.cards[id] !== undefined && state.cards[id].due > now)
    .sort((a, b) => state.cards[a].due - state.cards[b].due);
  return [...new Set([...due, ...fresh, ...later])].slice(0, Math.max(0, count));
}
