// The progress bar's figures.
import { describe, expect, it } from 'vitest';
import { formatBytes, fractionOf } from './progress';

describe('progress', () => {
  it('counts bytes while uploading and phases while processing', () => {
    expect(fractionOf({ step: 'upload', loaded: 25, total: 100, phase: null, rows: 0 })).toBe(0.25);
    expect(fractionOf({ step: 'upload', loaded: 0, total: 0, phase: null, rows: 0 })).toBeNull();
    expect(fractionOf({ step: 'process', loaded: 1, total: 1, phase: null, rows: 0 })).toBeNull();
    // Six phases and the answer: validating is the 4th of 7 steps.
    expect(fractionOf({ step: 'process', loaded: 1, total: 1, phase: 'validating', rows: 10 })).toBeCloseTo(4 / 7);
    expect(fractionOf({ step: 'process', loaded: 1, total: 1, phase: 'something-new', rows: 0 })).toBeNull();
  });

  it('writes sizes in B, KB, MB and GB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200.0 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.00 GB');
  });
});
