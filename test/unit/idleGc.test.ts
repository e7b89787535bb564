import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapSpaceStatistics } from 'node:v8';
import { collectYoungGeneration } from '../../server/src/transport/idleGc';

function youngUsed(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
}

describe('idle young-generation collection', () => {
  it('collects once the young generation is half full, and leaves it alone below', () => {
    // Fill the young generation past half with short-lived objects.
    let keep: unknown[] = [];
    let ran = false;
    for (let round = 0; round < 200 && !ran; round++) {
      keep = [];
      for (let k = 0; k < 2000; k++) keep.push({ k, s: `x${k}` });
      ran = collectYoungGeneration();
    }
    assert.ok(ran, 'no collection although the young generation filled up');
    assert.ok(keep.length > 0);
    // Just after a collection, the young generation is nearly empty: nothing to do.
    const after = youngUsed();
    assert.equal(collectYoungGeneration(), false, `collected again with ${after} bytes in use`);
  });

  it('can be turned off', () => {
    process.env.GLOSSAIRE_IDLE_GC = 'off';
    try {
      assert.equal(collectYoungGeneration(), false);
    } finally {
      delete process.env.GLOSSAIRE_IDLE_GC;
    }
  });
});
