import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logsConnectionError, RestartPolicy } from '../../client/src/restartPolicy';

test('a crashed server is restarted 4 times within 3 minutes, then not; older crashes fall out of the window; reset starts afresh', () => {
  let now = 0;
  const policy = new RestartPolicy(4, 180_000, () => now);
  const decisions = [];
  for (let k = 0; k < 5; k++) {
    decisions.push(policy.crashed());
    now += 10_000;
  }
  assert.deepEqual(decisions.map((d) => d.restart), [true, true, true, true, false]);
  assert.deepEqual(decisions.map((d) => d.count), [1, 2, 3, 4, 5]);
  now = 180_000 + 20_000; // the first three crashes are now older than 3 minutes
  assert.deepEqual(policy.crashed(), { restart: true, count: 3 });
  policy.reset();
  assert.deepEqual(policy.crashed(), { restart: true, count: 1 });
});

test('connection errors: the first three of a connection are logged, a burst after them is not', () => {
  assert.deepEqual([undefined, 1, 2, 3, 4, 50].map(logsConnectionError), [true, true, true, true, false, false]);
});
