// PDF tables: a table longer than a page repeats its header row at the top of every page it runs
// onto, and the CJK font is embedded as a subset (read back with poppler's pdftotext and pdffonts).
import { describe, expect, it } from 'vitest';
import { fonts, pageTexts } from '../../test/reports/pdf-tools.ts';
import { FONT } from './fonts.ts';
import { PAGE, STYLES, table } from './pdf-kit.ts';
import { pdfBuffer } from './pdf.ts';

describe('pdf tables', () => {
  it('repeat the header row on every page of a long table', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => ({ name: `客户${i + 1}号`, amount: (i + 1) * 100 }));
    const doc = {
      pageSize: PAGE.size,
      pageMargins: PAGE.margins,
      defaultStyle: { font: FONT, fontSize: 9 },
      styles: STYLES,
      content: [
        table(
          [
            { header: '客户名称', cell: (r: (typeof rows)[number]) => r.name, width: '*' },
            { header: '金额合计', cell: (r) => String(r.amount), align: 'right' },
          ],
          rows,
          '—',
        ),
      ],
    };
    const pdf = await pdfBuffer(doc);
    const pages = pageTexts(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) {
      const first = page.split('\n').find((l) => l.trim() !== '');
      expect(first).toMatch(/^\s*客户名称\s+金额合计\s*$/);
    }
    const all = pages.join('\n');
    for (const i of [1, 75, 150]) expect(all).toMatch(new RegExp(`客户${i}号\\s+${i * 100}\\b`));
    const embedded = fonts(pdf);
    expect(embedded.length).toBeGreaterThan(0);
    for (const f of embedded) {
      expect(f.name).toContain('NotoSansSC');
      expect(f.embedded && f.subset).toBe(true);
    }
  });
});
