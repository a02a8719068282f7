// Where the login page may send the user afterwards.
import { describe, expect, it } from 'vitest';
import { safeNext } from './session';

describe('safeNext', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeNext('/rankings?period=2025-03')).toBe('/rankings?period=2025-03');
  });

  it('refuses other origins, the login page itself and nothing', () => {
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/login?next=/')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
