// GET /api/exports/review-pack: the PDF read back with pdftotext (figures equal the API's for the
// same filters and the hand-worked fixture figures, Chinese names, page numbers, scope and period on
// every page, the expected pages), the XLSX read back with exceljs, the ZIP of one PDF per rep.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiTestApp } from '../fixtures/kpi-fixture.ts';
import { MARCH, NAMES, REVIEW, createPackTestApp, download } from '../reports/pack-fixture.ts';
import { fonts, pageCount, pageTexts, percent, squeeze, yuan } from '../reports/pdf-tools.ts';
import { readZip } from '../reports/zip-tools.ts';

let t: KpiTestApp;

beforeAll(async () => {
  t = await createPackTestApp();
});

afterAll(async () => {
  await t?.close();
});

const firstLine = (page: string) => page.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';

async function pdf(url: string) {
  const res = await download(t, url);
  expect(res.status, res.body.toString().slice(0, 300)).toBe(200);
  return res;
}

describe('the PDF review pack', () => {
  it('shows the department in Chinese with the API figures, one section per rep, every page numbered', async () => {
    const res = await pdf('/api/exports/review-pack?period=2025-03');
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="review-pack_2025-03_department\.pdf"/);
    const pages = pageTexts(res.body);
    const total = pageCount(res.body);
    expect(pages.length).toBe(total);
    // Cover, two team pages, two pages for each of the three salespeople active in March, two of definitions.
    expect(total).toBe(11);
    pages.forEach((page, i) => {
      expect(page.replace(/\s+/g, '')).toContain(`第${i + 1}页/共${total}页`);
      expect(page).toContain('全部门 · 期间 2025-03');
    });

    const cover = squeeze(pages[0]!);
    for (const text of ['销售评审报告', '范围 全部门', '2025-03 (2025-03-01 – 2025-03-31)', '上一期: 2025-02 (2025-02-01 – 2025-02-28)', '2025-03-14', '数据版本', '生成人 boss', '筛选条件 无']) {
      expect(cover).toContain(text);
    }
    expect(firstLine(pages[1]!)).toBe('团队概览 · 全部门');

    // Headline revenue: the hand-worked total, equal to the API's tile.
    const overview = await t.get('/api/kpi/overview?period=2025-03');
    expect(overview.body.tiles.revenue.value).toBe(47500.86);
    expect(squeeze(pages[1]!)).toContain(`销售额 ${yuan(MARCH.total)}`);

    // Attainment by rep: every row as the API answers it, and the hand-worked figures.
    const attainment = await t.get('/api/kpi/attainment?period=2025-03');
    const team = squeeze(pages.slice(1, 3).join('\n'));
    expect(attainment.body.rows.map((r: { name: string }) => r.name).sort()).toEqual([NAMES.R1, NAMES.R2, NAMES.R3].sort());
    for (const r of attainment.body.rows as Array<{ name: string; actual: number; target: number | null; attainment: number | null }>) {
      const cells = [r.name, yuan(r.actual), r.target === null ? '—' : yuan(r.target), r.attainment === null ? '—' : percent(r.attainment)];
      expect(team).toContain(cells.join(' '));
    }
    expect(team).toContain(`${NAMES.R1} ${yuan(MARCH.R1)} ${yuan(MARCH.R1Target)} ${percent(MARCH.R1Attainment)}`);
    expect(team).toContain(`${NAMES.R3} ${yuan(MARCH.R3)}`);

    // Rankings with movement, worked by hand: 陈卡萝 3 → 1, 王博 1 → 2, 李爱丽 1 → 3.
    expect(team).toContain(`1 ▲2 ${NAMES.R3} 华北二组 ${yuan(MARCH.R3)}`);
    expect(team).toContain(`2 ▼1 ${NAMES.R2} 华东一组 ${yuan(MARCH.R2)}`);
    expect(team).toContain(`3 ▼2 ${NAMES.R1} 华东一组 ${yuan(MARCH.R1)}`);

    // Rankings by evaluation score, as the rankings route answers them.
    const byScore = await t.get('/api/kpi/rankings?period=2025-03&metric=score');
    expect(byScore.body.rows.length).toBe(3);
    for (const r of byScore.body.rows as Array<{ rank: number; name: string; value: number }>) {
      expect(team).toMatch(new RegExp(`${r.rank} \\S+ ${r.name} \\S+ ${r.value.toFixed(1).replace('.', '\\.')}`));
    }

    // NRR and GRR as the retention route answers them.
    const retention = await t.get('/api/kpi/retention?period=2025-03');
    expect(team).toContain(`${percent(retention.body.nrr)} ${percent(retention.body.grr)} ${retention.body.churned} ${retention.body.atRisk}`);

    // One section per rep, each starting a page: 华北二组 before 华东一组, then by name.
    const starts = pages.map(firstLine);
    expect(starts[3]).toBe(`个人评估 · ${NAMES.R3}（R3） · 华北二组`);
    expect(starts[5]).toBe(`个人评估 · ${NAMES.R1}（R1） · 华东一组`);
    expect(starts[7]).toBe(`个人评估 · ${NAMES.R2}（R2） · 华东一组`);
    expect(starts[9]).toBe('附录：指标定义');

    // The rep section carries the evaluation the API answers, and the supervisor's review.
    const evaluation = await t.get('/api/reps/R1/evaluation?period=2025-03');
    const alice = squeeze(pages.slice(5, 7).join('\n'));
    // The score sits beside the components table: between its label and the first component row.
    expect(alice).toMatch(new RegExp(`综合评分 [^¥]* ${evaluation.body.score.toFixed(1).replace('.', '\\.')} 销售额 `));
    const revenue = evaluation.body.components.find((c: { metric: string }) => c.metric === 'revenue');
    expect(alice).toContain(`销售额 ${revenue.weight} ${yuan(MARCH.R1)} ${yuan(MARCH.R1Target)} ${percent(revenue.attainment)}`);
    for (const c of evaluation.body.topCustomers as Array<{ name: string; revenue: number }>) expect(alice).toContain(`${c.name}`);
    expect(alice).toContain('★★★★☆ (4/5)');
    expect(alice).toContain(REVIEW.comment);

    for (const f of fonts(res.body)) expect(f.embedded && f.subset && f.name.includes('NotoSansSC')).toBe(true);
  });

  it('writes a one-rep pack in English from the English message table', async () => {
    const res = await pdf('/api/exports/review-pack?period=2025-03&rep=R1&lang=en');
    const pages = pageTexts(res.body);
    // Cover, the two-page evaluation, two pages of definitions.
    expect(pages.length).toBe(pageCount(res.body));
    expect(pages.length).toBe(5);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of 5`);
      expect(page).toContain(`Rep ${NAMES.R1} · Period 2025-03`);
    });
    expect(squeeze(pages[0]!)).toContain('Rep evaluation');
    expect(squeeze(pages[0]!)).toContain('Comparison previous period: 2025-02');
    expect(firstLine(pages[1]!)).toBe(`Evaluation · ${NAMES.R1} (R1) · 华东一组`);
    const all = squeeze(pages.join('\n'));
    expect(all).toContain(`Revenue 50 ${yuan(MARCH.R1)} ${yuan(MARCH.R1Target)}`);
    expect(all).toContain("Manager's comment and rating");
    expect(all).not.toContain('团队概览');
    expect(firstLine(pages[3]!)).toBe('Appendix: metric definitions');
  });
});

describe('the XLSX review pack', () => {
  async function workbook(url: string) {
    const res = await download(t, url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    return wb;
  }

  it('has one sheet per table named in Chinese, the API values, number formats and frozen, filtered headers', async () => {
    const wb = await workbook('/api/exports/review-pack?period=2025-03&format=xlsx');
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '封面',
      '核心指标',
      '目标达成',
      '排名',
      '评分排名',
      '客户留存',
      '风险客户',
      '拜访',
      '未覆盖重点客户',
      '个人评估',
      '月度趋势',
      '主要客户',
      '指标定义',
    ]);
    const cover = wb.getWorksheet('封面')!;
    const stamp = new Map<string, string>();
    cover.eachRow((row) => stamp.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect(stamp.get('范围')).toBe('全部门');
    expect(stamp.get('期间')).toBe('2025-03 (2025-03-01 – 2025-03-31)');
    expect(stamp.get('生成人')).toBe('boss');

    const sheet = wb.getWorksheet('目标达成')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '员工编号', '姓名', '实际', '目标', '达成率', '应达进度', '进度', '预计全期', '差额']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:I1');
    const api = await t.get('/api/kpi/attainment?period=2025-03');
    const byId = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => n > 1 && byId.set(String(row.getCell(1).value), row));
    expect([...byId.keys()].sort()).toEqual(['R1', 'R2', 'R3']);
    for (const r of api.body.rows as Array<{ key: string; actual: number; target: number | null; attainment: number | null }>) {
      const row = byId.get(r.key)!;
      expect(row.getCell(3).value).toBe(r.actual);
      expect(row.getCell(4).value ?? null).toBe(r.target);
      expect(row.getCell(5).value ?? null).toBe(r.attainment);
    }
    const alice = byId.get('R1')!;
    expect(alice.getCell(3).value).toBe(15500.46);
    expect(alice.getCell(3).numFmt).toBe('"¥"#,##0.00;-"¥"#,##0.00');
    expect(alice.getCell(5).numFmt).toBe('0.0%');

    const scores = wb.getWorksheet('个人评估')!;
    const evaluation = await t.get('/api/reps/R1/evaluation?period=2025-03');
    let found = false;
    scores.eachRow((row) => {
      if (row.getCell(1).value === 'R1') {
        found = true;
        expect(row.getCell(2).value).toBe(NAMES.R1);
        expect(row.getCell(4).value).toBe(evaluation.body.score);
      }
    });
    expect(found).toBe(true);
  });

  it('names its sheets in English for lang=en', async () => {
    const wb = await workbook('/api/exports/review-pack?period=2025-03&format=xlsx&lang=en&rep=R1');
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Cover', 'At-risk customers', 'Visits', 'Evaluation', 'Monthly trend', 'Top customers', 'Definitions']);
    expect(wb.getWorksheet('Evaluation')!.getRow(1).getCell(4).value).toBe('Evaluation score');
  });
});

describe('bursting', () => {
  it('zips one PDF per rep of the team, each that rep’s own pack', async () => {
    const res = await download(t, `/api/exports/review-pack?period=2025-03&format=zip&team=${encodeURIComponent('华东一组')}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const entries = readZip(res.body);
    expect(entries.map((e) => e.name).sort()).toEqual([`${NAMES.R1}_R1.pdf`, `${NAMES.R2}_R2.pdf`].sort());
    for (const e of entries) {
      const id = e.name.endsWith('_R1.pdf') ? 'R1' : 'R2';
      const pages = pageTexts(e.data);
      expect(pages[0]).toContain('销售代表评估');
      expect(firstLine(pages[1]!)).toBe(`个人评估 · ${NAMES[id]}（${id}） · 华东一组`);
      pages.forEach((p, i) => expect(p.replace(/\s+/g, '')).toContain(`第${i + 1}页/共${pages.length}页`));
    }
    const alice = pageTexts(entries.find((e) => e.name.endsWith('_R1.pdf'))!.data);
    expect(squeeze(alice.join('\n'))).toContain(yuan(MARCH.R1));
  });
});

describe('who may export a pack', () => {
  it('lets a rep export only their own evaluation pack', async () => {
    expect((await download(t, '/api/exports/review-pack?period=2025-03&rep=R1', 'rep')).status).toBe(200);
    const all = await download(t, '/api/exports/review-pack?period=2025-03', 'rep');
    expect(all.status).toBe(403);
    expect(all.json().error.message).toContain('rep=R1');
    expect((await download(t, '/api/exports/review-pack?period=2025-03&rep=R2', 'rep')).status).toBe(403);
    expect((await download(t, `/api/exports/review-pack?period=2025-03&rep=R1&team=${encodeURIComponent('华东一组')}`, 'rep')).status).toBe(403);
  });

  it("keeps a supervisor to their team and says which subjects do not exist", async () => {
    expect((await download(t, `/api/exports/review-pack?period=2025-03&team=${encodeURIComponent('华东一组')}`, 'supervisor')).status).toBe(200);
    expect((await download(t, `/api/exports/review-pack?period=2025-03&team=${encodeURIComponent('华北二组')}`, 'supervisor')).status).toBe(403);
    expect((await download(t, '/api/exports/review-pack?period=2025-03&rep=R3', 'supervisor')).status).toBe(403);
    expect((await download(t, `/api/exports/review-pack?period=2025-03&team=${encodeURIComponent('不存在')}`)).status).toBe(404);
    expect((await download(t, '/api/exports/review-pack?period=2025-03&rep=NOPE')).status).toBe(404);
  });

  it('refuses unsigned callers and malformed parameters', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/exports/review-pack?period=2025-03' })).statusCode).toBe(401);
    const bad = await download(t, '/api/exports/review-pack?period=2025-13');
    expect(bad.status).toBe(400);
    expect((await download(t, '/api/exports/review-pack?period=2025-03&format=doc')).status).toBe(400);
  });

  it("a supervisor's own-scope pack lists only their team", async () => {
    const mine = await download(t, '/api/exports/review-pack?period=2025-03', 'supervisor');
    const pages = pageTexts(mine.body);
    expect(pages[0]).toContain('团队：华东一组');
    const text = pages.join('\n');
    expect(text).not.toContain(NAMES.R3);
    expect(text).toContain(NAMES.R1);
  });

  it('records each export in the audit log', async () => {
    await pdf('/api/exports/review-pack?period=2025-03&rep=R2&lang=en');
    const log = await t.get('/api/audit?action=export.review_pack');
    expect(log.status).toBe(200);
    const entry = log.body.rows.find((r: { detail: { filters: { reps: string[] }; lang: string } }) => r.detail.filters.reps[0] === 'R2' && r.detail.lang === 'en');
    expect(entry).toMatchObject({ username: 'boss', action: 'export.review_pack', detail: { format: 'pdf', period: '2025-03', reps: 1 } });
  });
});
