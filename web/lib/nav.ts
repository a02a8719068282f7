// Every page of the product (interface.md "Pages") as the left navigation lists them.
import type { MessageKey } from './i18n/en';
import type { Role } from './types';
import type { IconName } from './components/icons';

export interface NavItem {
  href: string;
  label: MessageKey;
  icon: IconName;
  /** KPI pages carry the current filters to the next page. */
  keepsFilters: boolean;
  /** Shown only to these roles (the server still enforces access). */
  roles?: readonly Role[];
}

export interface NavSection {
  label: MessageKey;
  items: NavItem[];
}

// Who sees which page in the navigation, as server/auth/roles.ts CAN allows them (the server still
// refuses the rest): imports for importData, settings for editSettings, admin for administer,
// reps and their evaluations for seeEvaluations.
const IMPORTERS: readonly Role[] = ['admin', 'manager', 'assistant'];
const SETTINGS_EDITORS: readonly Role[] = ['admin', 'manager'];
const ADMINS: readonly Role[] = ['admin'];
const EVALUATION_READERS: readonly Role[] = ['admin', 'manager', 'supervisor', 'rep', 'account_manager'];

export const NAV: NavSection[] = [
  {
    label: 'nav.sectionPerformance',
    items: [
      { href: '/', label: 'nav.overview', icon: 'overview', keepsFilters: true },
      { href: '/attainment', label: 'nav.attainment', icon: 'target', keepsFilters: true },
      { href: '/rankings', label: 'nav.rankings', icon: 'trophy', keepsFilters: true },
      { href: '/retention', label: 'nav.retention', icon: 'retention', keepsFilters: true },
      { href: '/visits', label: 'nav.visits', icon: 'visits', keepsFilters: true },
      { href: '/reps', label: 'nav.reps', icon: 'people', keepsFilters: true, roles: EVALUATION_READERS },
    ],
  },
  {
    label: 'nav.sectionData',
    items: [
      { href: '/customers', label: 'nav.customers', icon: 'building', keepsFilters: true },
      { href: '/orders', label: 'nav.orders', icon: 'list', keepsFilters: true },
      { href: '/imports', label: 'nav.imports', icon: 'upload', keepsFilters: false, roles: IMPORTERS },
    ],
  },
  {
    label: 'nav.sectionSystem',
    items: [
      { href: '/settings', label: 'nav.settings', icon: 'settings', keepsFilters: false, roles: SETTINGS_EDITORS },
      { href: '/admin', label: 'nav.admin', icon: 'shield', keepsFilters: false, roles: ADMINS },
      { href: '/account', label: 'nav.account', icon: 'user', keepsFilters: false },
    ],
  },
];

/** Whether `pathname` belongs to the nav item (its own page or a detail page below it). */
export function isActive(item: NavItem, pathname: string): boolean {
  if (item.href === '/') return pathname === '/';
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}

/** The navigation as `role` sees it: items it may not use left out, empty sections dropped. */
export function navFor(role: Role): NavSection[] {
  return NAV.map((s) => ({ ...s, items: s.items.filter((i) => !i.roles || i.roles.includes(role)) })).filter((s) => s.items.length > 0);
}
