import { describe, expect, it } from 'vitest';
import { mayExportPack, packHref } from './pack-links';

describe('review pack links', () => {
  it('carries the filters, the format and the language', () => {
    expect(packHref('?period=2026-01&team=A&team=B', 'pdf', 'zh')).toBe('/api/exports/review-pack?period=2026-01&team=A&team=B&format=pdf&lang=zh');
    expect(packHref('', 'xlsx', 'en')).toBe('/api/exports/review-pack?format=xlsx&lang=en');
  });

  it('narrows to one rep, replacing any rep filter', () => {
    expect(packHref('?rep=R1&rep=R2&period=2026-01', 'zip', 'en', 'R7')).toBe('/api/exports/review-pack?period=2026-01&rep=R7&format=zip&lang=en');
  });

  it('lets managers, admins and supervisors export, and a rep only their own pack', () => {
    expect(mayExportPack({ role: 'manager' })).toBe(true);
    expect(mayExportPack({ role: 'supervisor', repId: 'S1' })).toBe(true);
    expect(mayExportPack({ role: 'assistant', repId: 'A1' })).toBe(false);
    expect(mayExportPack({ role: 'rep', repId: 'R1' })).toBe(false);
    expect(mayExportPack({ role: 'rep', repId: 'R1' }, 'R1')).toBe(true);
    expect(mayExportPack({ role: 'account_manager', repId: 'R1' }, 'R2')).toBe(false);
    expect(mayExportPack(null, 'R1')).toBe(false);
  });
});
