// GET /api/exports/table/:name: CSV (UTF-8 with BOM) and XLSX files holding exactly the rows and
// numbers the matching KPI route answers for the same filters and scope; parameters checked per table.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiTestApp } from '../fixtures/kpi-fixture.ts';
import { MARCH, NAMES, createPackTestApp, download } from '../reports/pack-fixture.ts';

let t: KpiTestApp;

beforeAll(async () => {
  t = await createPackTestApp();
});

afterAll(async () => {
  await t?.close();
});

function csv(body: Buffer): string[][] {
  const text = body.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

describe('table exports as CSV', () => {
  it('writes attainment by rep with Chinese headers and the API numbers as plain numbers', async () => {
    const res = await download(t, '/api/exports/table/attainment?period=2025-03');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attainment_2025-03.csv');
    const [header, ...rows] = csv(res.body);
    expect(header).toEqual(['员工编号', '姓名', '实际', '目标', '达成率', '应达进度', '进度', '预计全期', '差额']);
    const api = await t.get('/api/kpi/attainment?period=2025-03');
    expect(rows).toEqual(
      (api.body.rows as Array<Record<string, number | null> & { key: string; name: string }>).map((r) => [
        r.key,
        r.name,
        cell(r.actual),
        cell(r.target),
        cell(r.attainment),
        cell(r.expectedToDate),
        cell(r.pace),
        cell(r.projection),
        cell(r.gap),
      ]),
    );
    const alice = rows.find((r) => r[0] === 'R1')!;
    expect(alice.slice(1, 4)).toEqual([NAMES.R1, String(MARCH.R1), String(MARCH.R1Target)]);
  });

  it('uses English headers for lang=en and groups by team when asked', async () => {
    const res = await download(t, '/api/exports/table/attainment?period=2025-03&by=team&lang=en');
    const [header, ...rows] = csv(res.body);
    expect(header).toEqual(['Team', 'Actual', 'Target', 'Attainment', 'Expected to date', 'Pace', 'Projection', 'To go']);
    const api = await t.get('/api/kpi/attainment?period=2025-03&by=team&lang=en');
    expect(rows.map((r) => [r[0], r[1]])).toEqual(api.body.rows.map((r: { name: string; actual: number }) => [r.name, String(r.actual)]));
  });

  it('lists rankings with their movement and the unranked after them', async () => {
    const [header, ...rows] = csv((await download(t, '/api/exports/table/rankings?period=2025-03')).body);
    expect(header).toEqual(['排名', '名次变化', '员工编号', '姓名', '团队', '销售额']);
    expect(rows).toEqual([
      ['1', '2', 'R3', NAMES.R3, '华北二组', String(MARCH.R3)],
      ['2', '-1', 'R2', NAMES.R2, '华东一组', String(MARCH.R2)],
      ['3', '-2', 'R1', NAMES.R1, '华东一组', String(MARCH.R1)],
    ]);
  });

  it('ranks by evaluation score with the figures of the rankings route', async () => {
    const [header, ...rows] = csv((await download(t, '/api/exports/table/rankings?period=2025-03&metric=score&lang=en')).body);
    expect(header![5]).toBe('Evaluation score');
    const api = await t.get('/api/kpi/rankings?period=2025-03&metric=score');
    expect(rows.map((r) => [r[0], r[2], r[5]])).toEqual(api.body.rows.map((r: { rank: number; repId: string; value: number }) => [String(r.rank), r.repId, String(r.value)]));
  });

  it('exports every order line the orders route pages through, and every customer', async () => {
    const [, ...lines] = csv((await download(t, '/api/exports/table/orders?period=2025-03')).body);
    const api = await t.get('/api/orders?period=2025-03&limit=1000');
    expect(lines.map((l) => `${l[0]}/${l[1]}`)).toEqual(api.body.rows.map((r: { orderId: string; lineNo: number }) => `${r.orderId}/${r.lineNo}`));
    const ret = lines.find((l) => l[0] === 'O303')!;
    expect(ret[16]).toBe('-1500');
    expect(ret[17]).toBe('退货');

    const [, ...customers] = csv((await download(t, '/api/exports/table/customers?period=2025-03')).body);
    const list = await t.get('/api/customers?period=2025-03&pageSize=500');
    expect(customers.map((c) => c[0])).toEqual(list.body.rows.map((c: { customerId: string }) => c.customerId));
  });

  it('keeps a supervisor to their team', async () => {
    const [, ...rows] = csv((await download(t, '/api/exports/table/visits?period=2025-03', 'supervisor')).body);
    const api = await t.get('/api/kpi/visits?period=2025-03', 'supervisor');
    expect(rows.map((r) => r[0]).sort()).toEqual(api.body.rows.map((r: { repId: string }) => r.repId).sort());
    expect(rows.some((r) => r[0] === 'R3')).toBe(false);
  });
});

describe('table exports as XLSX', () => {
  it('writes one sheet named in the language, numbers with formats, a frozen filtered header', async () => {
    const res = await download(t, '/api/exports/table/retention?period=2025-Q1&format=xlsx');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['客户留存']);
    const sheet = wb.worksheets[0]!;
    const api = await t.get('/api/kpi/retention?period=2025-Q1');
    expect(sheet.rowCount).toBe(api.body.cohorts.length + 1);
    expect(sheet.getRow(1).getCell(3).value).toBe('第 0 月');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    api.body.cohorts.forEach((c: { cohort: string; size: number; values: number[] }, i: number) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(c.cohort);
      expect(row.getCell(2).value).toBe(c.size);
      c.values.forEach((v, k) => {
        expect(row.getCell(3 + k).value).toBe(v);
        expect(row.getCell(3 + k).numFmt).toBe('0.0%');
      });
    });
  });
});

describe('table export parameters and access', () => {
  it('refuses parameters a table does not take, naming them', async () => {
    const res = await download(t, '/api/exports/table/rankings?period=2025-03&by=team');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json())).toContain('by');
    const metric = await download(t, '/api/exports/table/attainment?period=2025-03&metric=growth');
    expect(metric.status).toBe(400);
    expect((await download(t, '/api/exports/table/secrets?period=2025-03')).status).toBe(400);
    expect((await download(t, '/api/exports/table/attainment?format=pdf')).status).toBe(400);
  });

  it('is not for reps, and is audited', async () => {
    expect((await download(t, '/api/exports/table/attainment?period=2025-03', 'rep')).status).toBe(403);
    await download(t, '/api/exports/table/trend?period=2025-03&months=3&format=xlsx');
    const log = await t.get('/api/audit?action=export.table');
    expect(log.body.rows.some((r: { detail: { table: string; format: string } }) => r.detail.table === 'trend' && r.detail.format === 'xlsx')).toBe(true);
  });
});
