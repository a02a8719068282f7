// The navigation each role sees: only the pages its role may use (server/auth/roles.ts CAN).
import { describe, expect, it } from 'vitest';
import { navFor } from './nav';
import type { Role } from './types';

const pages = (role: Role) => navFor(role).flatMap((s) => s.items.map((i) => i.href));
const DASHBOARDS = ['/', '/attainment', '/rankings', '/retention', '/visits'];

describe('navFor', () => {
  it('shows admins every page', () => {
    expect(pages('admin')).toEqual([...DASHBOARDS, '/reps', '/customers', '/orders', '/imports', '/settings', '/admin', '/account']);
  });

  it('shows managers everything but administration', () => {
    expect(pages('manager')).toEqual([...DASHBOARDS, '/reps', '/customers', '/orders', '/imports', '/settings', '/account']);
  });

  it('hides imports and settings from supervisors, reps and account managers', () => {
    for (const role of ['supervisor', 'rep', 'account_manager'] as const) {
      expect(pages(role)).toEqual([...DASHBOARDS, '/reps', '/customers', '/orders', '/account']);
    }
  });

  it('hides reps and evaluations from assistants, who import', () => {
    expect(pages('assistant')).toEqual([...DASHBOARDS, '/customers', '/orders', '/imports', '/account']);
  });

  it('drops a section left without items', () => {
    for (const role of ['rep', 'assistant'] as const) expect(navFor(role).every((s) => s.items.length > 0)).toBe(true);
  });
});
