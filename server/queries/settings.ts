// The settings table (001_core.sql) as one typed object: evaluation weights, the working-day
// calendar, the fiscal year start and the reporting currency; read for every KPI answer.
import { Type, type Static } from 'typebox';
import type { DuckDBConnection } from '../db/database.ts';
import { rows, run } from '../db/query.ts';
import { makeCalendar, type WorkCalendar } from './working-days.ts';

const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date' });

export const EvaluationWeightsSchema = Type.Object(
  {
    revenue: Type.Number({ minimum: 0 }),
    new_customers: Type.Number({ minimum: 0 }),
    visits: Type.Number({ minimum: 0 }),
    key_account_coverage: Type.Number({ minimum: 0 }),
  },
  { additionalProperties: false },
);

export const SettingsSchema = Type.Object(
  {
    evaluationWeights: EvaluationWeightsSchema,
    holidays: Type.Array(IsoDate, { maxItems: 2000 }),
    makeupWorkdays: Type.Array(IsoDate, { maxItems: 2000 }),
    fiscalYearStartMonth: Type.Integer({ minimum: 1, maximum: 12 }),
    reportingCurrency: Type.String({ pattern: '^[A-Z]{3}$' }),
  },
  { additionalProperties: false },
);

/** PUT /api/settings takes any subset; what it leaves out stays as it was. */
export const SettingsUpdateSchema = Type.Partial(SettingsSchema, { additionalProperties: false, minProperties: 1 });

export type Settings = Static<typeof SettingsSchema>;
export type SettingsUpdate = Static<typeof SettingsUpdateSchema>;
export type EvaluationWeights = Settings['evaluationWeights'];

export const DEFAULT_SETTINGS: Settings = {
  evaluationWeights: { revenue: 50, new_customers: 20, visits: 15, key_account_coverage: 15 },
  holidays: [],
  makeupWorkdays: [],
  fiscalYearStartMonth: 1,
  reportingCurrency: 'CNY',
};

// Property name in the API ↔ key in the settings table.
const KEYS = {
  evaluationWeights: 'evaluation_weights',
  holidays: 'holidays',
  makeupWorkdays: 'makeup_workdays',
  fiscalYearStartMonth: 'fiscal_year_start_month',
  reportingCurrency: 'reporting_currency',
} as const satisfies Record<keyof Settings, string>;

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

export async function loadSettings(conn: DuckDBConnection): Promise<Settings> {
  const stored = await rows<{ key: string; value: unknown }>(conn, 'SELECT key, CAST(value AS VARCHAR) AS value FROM settings');
  const byKey = new Map(stored.map((r) => [r.key, parseJson(r.value)]));
  const out: Settings = structuredClone(DEFAULT_SETTINGS);
  const weights = byKey.get(KEYS.evaluationWeights);
  if (weights && typeof weights === 'object') {
    for (const k of Object.keys(out.evaluationWeights) as Array<keyof EvaluationWeights>) {
      const w = (weights as Record<string, unknown>)[k];
      if (typeof w === 'number' && w >= 0) out.evaluationWeights[k] = w;
    }
  }
  const holidays = byKey.get(KEYS.holidays);
  if (Array.isArray(holidays)) out.holidays = holidays.filter((d): d is string => typeof d === 'string').sort();
  const makeup = byKey.get(KEYS.makeupWorkdays);
  if (Array.isArray(makeup)) out.makeupWorkdays = makeup.filter((d): d is string => typeof d === 'string').sort();
  const fy = Number(byKey.get(KEYS.fiscalYearStartMonth));
  if (Number.isInteger(fy) && fy >= 1 && fy <= 12) out.fiscalYearStartMonth = fy;
  const currency = byKey.get(KEYS.reportingCurrency);
  if (typeof currency === 'string' && currency) out.reportingCurrency = currency;
  return out;
}

/** Writes the given settings; call inside db.transaction so the data version bumps and caches drop. */
export async function saveSettings(conn: DuckDBConnection, update: SettingsUpdate): Promise<void> {
  for (const name of Object.keys(KEYS) as Array<keyof Settings>) {
    const value = update[name];
    if (value === undefined) continue;
    const normalised = Array.isArray(value) ? [...new Set(value)].sort() : value;
    await run(conn, 'INSERT OR REPLACE INTO settings (key, value) VALUES ($key, CAST($value AS JSON))', {
      key: KEYS[name],
      value: JSON.stringify(normalised),
    });
  }
}

export function calendarOf(settings: Settings): WorkCalendar {
  return makeCalendar(settings.holidays, settings.makeupWorkdays);
}
