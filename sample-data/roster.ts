// The sales department: one sales manager, a supervisor per team, reps and account managers in
// each team, assistants who enter the data; some reps are hired during history, some leave.

import { isWorkingDay } from './calendar.ts';
import type { Rep, Role, Team } from './model.ts';
import { personName } from './names.ts';
import type { Rng } from './random.ts';
import type { ScaleConfig } from './scales.ts';

const TEAM_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const EMAIL_DOMAIN = 'hengyuan.example.com';

function nextWorkingDay(day: number): number {
  let d = day;
  while (!isWorkingDay(d)) d++;
  return d;
}

interface Draft {
  role: Role;
  teamIndex: number | null;
  hireDay: number;
  leaveDay: number | null;
  skill: number;
}

export function buildRoster(rng: Rng, config: ScaleConfig, startDay: number, asOfDay: number): { reps: Rep[]; teams: Team[] } {
  const span = asOfDay - startDay;
  const teamDefs: Array<{ name: string; region: string }> = [];
  for (const region of config.regions) {
    for (let i = 0; i < region.teams; i++) teamDefs.push({ name: `${region.name}${TEAM_NUMERALS[i] ?? i + 1}组`, region: region.name });
  }

  const drafts: Draft[] = [];
  const before = (minDays: number, maxDays: number) => nextWorkingDay(startDay - rng.int(minDays, maxDays));
  drafts.push({ role: 'manager', teamIndex: null, hireDay: before(4000, 5000), leaveDay: null, skill: 1 });
  for (let a = 0; a < config.assistants; a++) drafts.push({ role: 'assistant', teamIndex: null, hireDay: before(120, 2000), leaveDay: null, skill: 1 });
  teamDefs.forEach((_, t) => {
    drafts.push({ role: 'supervisor', teamIndex: t, hireDay: before(1500, 4000), leaveDay: null, skill: 1 });
    for (let i = 0; i < config.accountManagersPerTeam; i++) {
      drafts.push({ role: 'account_manager', teamIndex: t, hireDay: before(400, 3000), leaveDay: null, skill: rng.lognormal(0, 0.25) });
    }
    for (let i = 0; i < config.repsPerTeam; i++) {
      drafts.push({ role: 'rep', teamIndex: t, hireDay: before(60, 3000), leaveDay: null, skill: rng.lognormal(0, 0.35) });
    }
  });

  // Leavers: reps from different teams, leaving between a third of the way in and two months before the as-of date.
  const repDrafts = rng.shuffle(drafts.filter((d) => d.role === 'rep'));
  const leaverTeams = new Set<number>();
  let leavers = 0;
  for (const d of repDrafts) {
    if (leavers >= config.leavers) break;
    if (leaverTeams.has(d.teamIndex!) && leaverTeams.size < teamDefs.length) continue;
    leaverTeams.add(d.teamIndex!);
    const latest = Math.max(startDay + Math.floor(span * 0.35), asOfDay - 60);
    d.leaveDay = nextWorkingDay(rng.int(startDay + Math.floor(span * 0.3), latest));
    // Those who leave were more often the ones who struggled.
    d.skill = Math.min(d.skill, rng.range(0.6, 0.9));
    leavers++;
  }
  // Hires: join a team between a quarter and two thirds of the way through history.
  for (let h = 0; h < config.hires; h++) {
    const teamIndex = rng.int(0, teamDefs.length - 1);
    const hireDay = nextWorkingDay(rng.int(startDay + Math.floor(span * 0.25), startDay + Math.floor(span * 0.66)));
    drafts.push({ role: 'rep', teamIndex, hireDay, leaveDay: null, skill: rng.range(0.8, 1.15) });
  }

  // Employee numbers follow hiring order, as an HR system hands them out.
  const order = drafts.map((d, i) => ({ d, i })).sort((x, y) => x.d.hireDay - y.d.hireDay || x.i - y.i);
  const names = new Set<string>();
  const emails = new Set<string>();
  const reps: Rep[] = order.map(({ d }, index) => {
    const person = personName(rng, names);
    let local = person.emailLocal;
    for (let n = 2; emails.has(local); n++) local = `${person.emailLocal}${n}`;
    emails.add(local);
    const team = d.teamIndex === null ? null : teamDefs[d.teamIndex]!;
    const seller = d.role === 'rep' || d.role === 'account_manager';
    return {
      index,
      repId: `E${1001 + index}`,
      name: person.name,
      role: d.role,
      team: team?.name ?? null,
      region: team?.region ?? null,
      teamIndex: d.teamIndex,
      managerId: null,
      email: `${local}@${EMAIL_DOMAIN}`,
      hireDay: d.hireDay,
      leaveDay: d.leaveDay,
      seller,
      skill: d.skill,
      diligence: seller ? Math.pow(d.skill, 0.25) * rng.lognormal(0, 0.1) : 0,
    };
  });

  const manager = reps.find((r) => r.role === 'manager')!;
  const teams: Team[] = teamDefs.map((t, index) => ({
    index,
    name: t.name,
    region: t.region,
    supervisor: reps.find((r) => r.role === 'supervisor' && r.teamIndex === index)!.index,
    sellers: reps.filter((r) => r.seller && r.teamIndex === index).map((r) => r.index),
  }));
  for (const r of reps) {
    if (r.role === 'manager') continue;
    r.managerId = r.role === 'supervisor' || r.role === 'assistant' ? manager.repId : reps[teams[r.teamIndex!]!.supervisor]!.repId;
  }
  return { reps, teams };
}
