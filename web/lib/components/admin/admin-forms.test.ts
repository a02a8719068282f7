// The admin and account form rules on hand-written drafts: validation, the create body, the patch
// of what changed, and the audit log's URL filters and paging.
import { describe, expect, it } from 'vitest';
import {
  auditFiltersOf,
  auditQuery,
  auditSearch,
  createBody,
  detailText,
  draftOf,
  emptyDraft,
  needsRepLink,
  pageCount,
  passwordProblem,
  patchOf,
  problemsOf,
} from './admin-forms';
import type { AdminUser } from './types';

const alice: AdminUser = {
  id: 'u1',
  username: 'alice',
  displayName: 'Alice',
  role: 'rep',
  repId: 'R1',
  active: true,
  isDemo: false,
  createdAt: '2025-03-01T09:00:00Z',
  updatedAt: '2025-03-01T09:00:00Z',
};

describe('account drafts', () => {
  it('asks for a username, a display name and a long enough password for a new account', () => {
    expect(problemsOf(emptyDraft(), 'create')).toEqual({
      username: 'admin.problem.username',
      displayName: 'admin.problem.displayName',
      password: 'admin.problem.passwordShort',
    });
    const ok = { ...emptyDraft(), username: 'li.lei@east', displayName: '李雷', password: '12345678' };
    expect(problemsOf(ok, 'create')).toEqual({});
    expect(problemsOf({ ...ok, username: 'li lei' }, 'create')).toEqual({ username: 'admin.problem.username' });
    expect(problemsOf({ ...ok, username: 'x' }, 'create')).toEqual({ username: 'admin.problem.username' });
  });

  it('checks only the display name when editing', () => {
    expect(problemsOf(draftOf(alice), 'edit')).toEqual({});
    expect(problemsOf({ ...draftOf(alice), displayName: '   ' }, 'edit')).toEqual({ displayName: 'admin.problem.displayName' });
  });

  it('refuses passwords outside 8..256 characters', () => {
    expect(passwordProblem('1234567')).toBe('admin.problem.passwordShort');
    expect(passwordProblem('12345678')).toBeNull();
    expect(passwordProblem('x'.repeat(257))).toBe('admin.problem.passwordLong');
  });

  it('sends a trimmed body with no rep link as null', () => {
    const draft = { username: ' bob ', displayName: ' Bob ', role: 'manager' as const, repId: '', password: 'secret-123' };
    expect(createBody(draft)).toEqual({ username: 'bob', displayName: 'Bob', password: 'secret-123', role: 'manager', repId: null });
  });

  it('patches only what changed, unlinking with null', () => {
    expect(patchOf(alice, draftOf(alice))).toEqual({});
    expect(patchOf(alice, { ...draftOf(alice), role: 'supervisor', repId: '' })).toEqual({ role: 'supervisor', repId: null });
    expect(patchOf(alice, { ...draftOf(alice), displayName: ' Alice Wang ' })).toEqual({ displayName: 'Alice Wang' });
  });

  it('knows which roles need a rep link', () => {
    expect(['admin', 'manager'].map((r) => needsRepLink(r as 'admin'))).toEqual([false, false]);
    expect((['supervisor', 'rep', 'account_manager', 'assistant'] as const).every(needsRepLink)).toBe(true);
  });
});

describe('audit log view', () => {
  it('reads its filters from the URL, page 1 by default', () => {
    expect(auditFiltersOf(new URLSearchParams(''))).toEqual({ action: '', user: '', page: 1 });
    expect(auditFiltersOf(new URLSearchParams('action=login&user=Admin&page=3'))).toEqual({ action: 'login', user: 'admin', page: 3 });
    expect(auditFiltersOf(new URLSearchParams('page=0')).page).toBe(1);
    expect(auditFiltersOf(new URLSearchParams('page=2.5')).page).toBe(1);
  });

  it('asks the API for one page with the filters set', () => {
    expect(auditQuery({ action: '', user: '', page: 1 }, 50)).toEqual({ limit: 50, offset: 0 });
    expect(auditQuery({ action: 'login', user: 'bob', page: 3 }, 50)).toEqual({ limit: 50, offset: 100, action: 'login', username: 'bob' });
  });

  it('writes the view back to a search string without defaults', () => {
    expect(auditSearch({ action: '', user: '', page: 1 })).toBe('');
    expect(auditSearch({ action: 'export.table', user: '', page: 2 })).toBe('?action=export.table&page=2');
  });

  it('counts pages, at least one', () => {
    expect([pageCount(0, 50), pageCount(50, 50), pageCount(51, 50)]).toEqual([1, 1, 2]);
  });

  it('shows a detail as key=value pairs', () => {
    expect(detailText(null)).toBe('');
    expect(detailText({ username: 'bob', changed: ['role'], passwordReset: false })).toBe('username=bob · changed=["role"] · passwordReset=false');
  });
});
