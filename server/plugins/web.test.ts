// The shell page's inline-script hashes reach the CSP header, and nothing else changes.
import { describe, expect, it } from 'vitest';
import { allowShellScripts } from './web.ts';

const shell = `<head><meta http-equiv="content-security-policy" content="script-src 'self' 'sha256-abc+/='"></head>`;

describe('allowShellScripts', () => {
  it('adds the hashes to script-src only', () => {
    const policy = "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self'";
    expect(allowShellScripts(shell)(policy)).toBe(
      "default-src 'self';script-src 'self' 'sha256-abc+/=';script-src-attr 'none';style-src 'self'",
    );
  });

  it('leaves the policy alone when the page has no hashes', () => {
    const policy = "default-src 'self';script-src 'self'";
    expect(allowShellScripts('<head></head>')(policy)).toBe(policy);
  });
});
