// Targets (metrics.md "Targets"): the base unit is rep × month × metric; explicit quarter/year
// targets override the sum of their months; a quarter or year target without month targets is
// spread over its months by working days; a team or region target is its explicit target, else the
// sum of its members' (membership as of each month). Target tables are small: read whole, resolved here.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Scope } from '../auth/types.ts';
import { rows } from '../db/query.ts';
import type { DimensionFilters } from './filters.ts';
import { addMonths, daysBetween, maxDate, minDate, monthEnd, monthKey, monthsIn, parsePeriod, quarterOf, yearOf, type DateRange } from './periods.ts';
import { workingDays, type WorkCalendar } from './working-days.ts';

export const TARGET_METRICS = ['revenue', 'orders', 'new_customers', 'visits'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];
export type TargetScopeKind = 'rep' | 'team' | 'region';

export interface TargetRow {
  period: string;
  period_kind: 'month' | 'quarter' | 'year';
  scope_kind: TargetScopeKind;
  scope_id: string;
  value: number;
}

export interface RosterRow {
  rep_id: string;
  valid_from: string;
  name: string;
  role: string;
  team: string | null;
  region: string | null;
  hire_date: string | null;
  leave_date: string | null;
}

type Explicit = Map<string, number>; // `${kind}\u0000${id}\u0000${period}` → value

const key = (kind: TargetScopeKind, id: string, period: string) => `${kind}\u0000${id}\u0000${period}`;

function sumNullable(values: Array<number | null>): number | null {
  let total: number | null = null;
  for (const v of values) if (v !== null) total = (total ?? 0) + v;
  return total;
}

/** Resolves targets of one metric for any rep, team or region and any period. */
export class TargetBook {
  private readonly explicit: Explicit = new Map();
  private readonly ids: Record<TargetScopeKind, Set<string>> = { rep: new Set(), team: new Set(), region: new Set() };
  private readonly roster = new Map<string, RosterRow[]>(); // rows per rep, by valid_from ascending
  private readonly memo = new Map<string, number | null>();
  private readonly memberMemo = new Map<string, string[]>();

  constructor(
    targets: readonly TargetRow[],
    roster: readonly RosterRow[],
    private readonly calendar: WorkCalendar,
    private readonly fyStart = 1,
  ) {
    for (const t of targets) {
      const k = key(t.scope_kind, t.scope_id, t.period);
      this.explicit.set(k, (this.explicit.get(k) ?? 0) + t.value);
      this.ids[t.scope_kind].add(t.scope_id);
    }
    for (const r of [...roster].sort((a, b) => a.valid_from.localeCompare(b.valid_from))) {
      const list = this.roster.get(r.rep_id) ?? [];
      list.push(r);
      this.roster.set(r.rep_id, list);
    }
  }

  /** The roster row of a rep valid on a date (latest valid_from on or before it), if any. */
  rosterAt(repId: string, date: string): RosterRow | null {
    const list = this.roster.get(repId);
    if (!list) return null;
    let found: RosterRow | null = null;
    for (const r of list) if (r.valid_from <= date) found = r;
    return found;
  }

  /** The roster row to describe a rep by on a date: the one valid then, else their earliest. */
  describe(repId: string, date: string): RosterRow | null {
    return this.rosterAt(repId, date) ?? this.roster.get(repId)?.[0] ?? null;
  }

  /** Whether the rep works at some point in [start, end] (hire and leave dates of their latest roster row; unknown = yes). */
  employedBetween(repId: string, start: string, end: string): boolean {
    const list = this.roster.get(repId);
    const latest = list?.[list.length - 1];
    if (!latest) return true;
    if (latest.hire_date && latest.hire_date > end) return false;
    if (latest.leave_date && latest.leave_date < start) return false;
    return true;
  }

  private employedIn(repId: string, month: string): boolean {
    return this.employedBetween(repId, `${month}-01`, monthEnd(`${month}-01`));
  }

  /** Reps of a team or region in a month: roster row valid on the month's last day, employed that month. */
  members(kind: 'team' | 'region', id: string, month: string): string[] {
    const memoKey = key(kind, id, month);
    const known = this.memberMemo.get(memoKey);
    if (known) return known;
    const end = monthEnd(`${month}-01`);
    const out: string[] = [];
    for (const repId of this.roster.keys()) {
      const row = this.rosterAt(repId, end);
      if (row && row[kind] === id && this.employedIn(repId, month)) out.push(repId);
    }
    out.sort();
    this.memberMemo.set(memoKey, out);
    return out;
  }

  private monthWorkingDays(month: string): number {
    return workingDays(`${month}-01`, monthEnd(`${month}-01`), this.calendar);
  }

  /** Splits `amount` over `months` by working days (equally when none has a working day). */
  private share(amount: number, months: string[], month: string): number {
    const wds = months.map((m) => this.monthWorkingDays(m));
    const total = wds.reduce((a, b) => a + b, 0);
    if (total === 0) return amount / months.length;
    return (amount * this.monthWorkingDays(month)) / total;
  }

  private spreadable(kind: TargetScopeKind, id: string, month: string): boolean {
    return kind !== 'rep' || this.employedIn(id, month);
  }

  /** Target of one month: explicit, else spread from an explicit quarter or year, else (teams, regions) the members' sum. */
  month(kind: TargetScopeKind, id: string, month: string): number | null {
    const memoKey = key(kind, id, `m:${month}`);
    if (this.memo.has(memoKey)) return this.memo.get(memoKey)!;
    const value = this.computeMonth(kind, id, month);
    this.memo.set(memoKey, value);
    return value;
  }

  private computeMonth(kind: TargetScopeKind, id: string, month: string): number | null {
    const own = this.explicit.get(key(kind, id, month));
    if (own !== undefined) return own;
    const start = `${month}-01`;
    const quarter = quarterOf(start, this.fyStart);
    const qValue = this.explicit.get(key(kind, id, quarter.label));
    if (qValue !== undefined) {
      // What the quarter's explicit month targets leave is spread over its other months.
      const months = monthsIn(quarter.start, quarter.end);
      const open = months.filter((m) => !this.explicit.has(key(kind, id, m)) && this.spreadable(kind, id, m));
      if (!open.includes(month)) return null;
      const given = months.reduce((s, m) => s + (this.explicit.get(key(kind, id, m)) ?? 0), 0);
      return this.share(Math.max(0, qValue - given), open, month);
    }
    const year = yearOf(start, this.fyStart);
    const yValue = this.explicit.get(key(kind, id, year.label));
    if (yValue !== undefined) {
      let covered = 0;
      const open: string[] = [];
      for (let q = year.start; q <= year.end; q = addMonths(q, 3)) {
        const qr = quarterOf(q, this.fyStart);
        const explicitQ = this.explicit.get(key(kind, id, qr.label));
        if (explicitQ !== undefined) {
          covered += explicitQ;
          continue;
        }
        for (const m of monthsIn(qr.start, qr.end)) {
          const explicitM = this.explicit.get(key(kind, id, m));
          if (explicitM !== undefined) covered += explicitM;
          else if (this.spreadable(kind, id, m)) open.push(m);
        }
      }
      if (!open.includes(month)) return null;
      return this.share(Math.max(0, yValue - covered), open, month);
    }
    if (kind === 'rep') return null;
    return sumNullable(this.members(kind, id, month).map((r) => this.month('rep', r, month)));
  }

  /** Target of a period: an explicit quarter/year target wins over the sum of its parts; custom ranges pro rata by working days. */
  period(kind: TargetScopeKind, id: string, range: DateRange): number | null {
    if (range.kind === 'month') return this.month(kind, id, monthKey(range.start));
    // Rankings and scores ask the same periods for hundreds of reps: each answer is worked out once.
    const memoKey = key(kind, id, `${range.kind}:${range.label}:${range.start}:${range.end}`);
    if (this.memo.has(memoKey)) return this.memo.get(memoKey)!;
    const value = this.computePeriod(kind, id, range);
    this.memo.set(memoKey, value);
    return value;
  }

  private computePeriod(kind: TargetScopeKind, id: string, range: DateRange): number | null {
    switch (range.kind) {
      case 'month':
        return this.month(kind, id, monthKey(range.start));
      case 'quarter': {
        const own = this.explicit.get(key(kind, id, range.label));
        if (own !== undefined) return own;
        if (kind !== 'rep' && !this.hasOwnTargets(kind, id, range)) return this.membersSum(kind, id, range);
        return sumNullable(monthsIn(range.start, range.end).map((m) => this.month(kind, id, m)));
      }
      case 'year': {
        const own = this.explicit.get(key(kind, id, range.label));
        if (own !== undefined) return own;
        if (kind !== 'rep' && !this.hasOwnTargets(kind, id, range)) return this.membersSum(kind, id, range);
        const parts: Array<number | null> = [];
        for (let q = range.start; q <= range.end; q = addMonths(q, 3)) parts.push(this.period(kind, id, quarterOf(q, this.fyStart)));
        return sumNullable(parts);
      }
      case 'custom':
        return sumNullable(
          monthsIn(range.start, range.end).map((m) => {
            const value = this.month(kind, id, m);
            if (value === null) return null;
            const ms = `${m}-01`;
            const me = monthEnd(ms);
            const from = maxDate(ms, range.start);
            const to = minDate(me, range.end);
            const whole = this.monthWorkingDays(m);
            const part = whole > 0 ? workingDays(from, to, this.calendar) / whole : (daysBetween(from, to) + 1) / (daysBetween(ms, me) + 1);
            return value * part;
          }),
        );
    }
  }

  /** Whether a team or region has an explicit target of its own in or around a quarter or year. */
  private hasOwnTargets(kind: TargetScopeKind, id: string, range: DateRange): boolean {
    const labels = new Set([yearOf(range.start, this.fyStart).label]);
    for (const m of monthsIn(range.start, range.end)) {
      labels.add(m);
      labels.add(quarterOf(`${m}-01`, this.fyStart).label);
    }
    return [...labels].some((l) => this.explicit.has(key(kind, id, l)));
  }

  /**
   * A team's or region's quarter or year from its members: a rep who belongs for every month brings
   * their target for the whole period (so their explicit quarter or year target counts), a rep who
   * belongs for some months brings those months.
   */
  private membersSum(kind: 'team' | 'region', id: string, range: DateRange): number | null {
    const months = monthsIn(range.start, range.end);
    const belongs = new Map<string, string[]>();
    for (const m of months) for (const r of this.members(kind, id, m)) belongs.set(r, [...(belongs.get(r) ?? []), m]);
    const parts: Array<number | null> = [];
    for (const [rep, ms] of belongs) {
      parts.push(ms.length === months.length ? this.rep(rep, range) : sumNullable(ms.map((m) => this.month('rep', rep, m))));
    }
    return sumNullable(parts);
  }

  rep(id: string, range: DateRange): number | null {
    return this.period('rep', id, range);
  }

  team(id: string, range: DateRange): number | null {
    return this.period('team', id, range);
  }

  region(id: string, range: DateRange): number | null {
    return this.period('region', id, range);
  }

  /** Every rep id known to the book (roster or rep targets). */
  repIds(): string[] {
    return [...new Set([...this.roster.keys(), ...this.ids.rep])].sort();
  }

  /** Every team or region named in the roster or in explicit targets. */
  groupIds(kind: 'team' | 'region'): string[] {
    const out = new Set(this.ids[kind]);
    for (const list of this.roster.values()) for (const r of list) if (r[kind]) out.add(r[kind]!);
    return [...out].sort();
  }

  /**
   * The target of a filtered view (metrics.md: team/region explicit else members' sum):
   * - a category or channel filter: no target (targets are not split by category or channel);
   * - a team (or region) filter without a rep filter, when the scope covers every member: those teams' targets;
   * - no filter and the whole company in scope: the teams' targets plus those of reps in no team;
   * - otherwise the sum of the targets of the reps in view (membership as of the period's end).
   */
  view(dims: DimensionFilters, scope: Scope, range: DateRange): number | null {
    if (dims.categories.length > 0 || dims.channels.length > 0) return null;
    const lastMonth = monthKey(range.end);
    const covered = (kind: 'team' | 'region', ids: string[]) =>
      scope.all || ids.every((id) => this.members(kind, id, lastMonth).every((r) => scope.repIds.includes(r)));
    if (dims.reps.length === 0) {
      if (dims.teams.length > 0 && dims.regions.length === 0 && covered('team', dims.teams)) {
        return sumNullable(dims.teams.map((t) => this.team(t, range)));
      }
      if (dims.regions.length > 0 && dims.teams.length === 0 && covered('region', dims.regions)) {
        return sumNullable(dims.regions.map((r) => this.region(r, range)));
      }
      if (dims.teams.length === 0 && dims.regions.length === 0 && scope.all) {
        const teams = this.groupIds('team').map((t) => this.team(t, range));
        const loners = this.repIds()
          .filter((r) => !this.rosterAt(r, range.end)?.team)
          .map((r) => this.rep(r, range));
        return sumNullable([...teams, ...loners]);
      }
    }
    return sumNullable(this.repsInView(dims, scope, range.end).map((r) => this.rep(r, range)));
  }

  /** Reps in scope matching the rep, team and region filters (team and region as of `date`). */
  repsInView(dims: DimensionFilters, scope: Scope, date: string): string[] {
    return this.repIds().filter((r) => {
      if (!scope.all && !scope.repIds.includes(r)) return false;
      if (dims.reps.length > 0 && !dims.reps.includes(r)) return false;
      const row = this.rosterAt(r, date);
      if (dims.teams.length > 0 && !(row?.team && dims.teams.includes(row.team))) return false;
      if (dims.regions.length > 0 && !(row?.region && dims.regions.includes(row.region))) return false;
      return true;
    });
  }
}

export async function loadRoster(conn: DuckDBConnection): Promise<RosterRow[]> {
  return rows<RosterRow & Record<string, unknown>>(
    conn,
    `SELECT rep_id, CAST(valid_from AS VARCHAR) AS valid_from, name, role, team, region,
            CAST(hire_date AS VARCHAR) AS hire_date, CAST(leave_date AS VARCHAR) AS leave_date
     FROM reps ORDER BY rep_id, valid_from`,
  );
}

export async function loadTargetRows(conn: DuckDBConnection, metric: TargetMetric): Promise<TargetRow[]> {
  const found = await rows<TargetRow & Record<string, unknown>>(
    conn,
    `SELECT period, period_kind, scope_kind, scope_id, CAST(target_value AS DOUBLE) AS value
     FROM targets WHERE metric = $metric AND period_kind IN ('month', 'quarter', 'year') AND scope_kind IN ('rep', 'team', 'region')`,
    { metric },
  );
  // Quarter and year labels are fiscal; anything that does not parse is left out (the data-quality report lists it).
  // Many rows share a period: each label is checked once.
  const valid = new Map<string, boolean>();
  return found.filter((t) => {
    let ok = valid.get(t.period);
    if (ok === undefined) valid.set(t.period, (ok = parsePeriod(t.period) !== null));
    return ok;
  });
}

export async function loadTargetBook(conn: DuckDBConnection, metric: TargetMetric, calendar: WorkCalendar, fyStart: number): Promise<TargetBook> {
  const targets = await loadTargetRows(conn, metric);
  const roster = await loadRoster(conn);
  return new TargetBook(targets, roster, calendar, fyStart);
}
