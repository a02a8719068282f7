import ExcelJS from 'exceljs';
import { execSync } from 'node:child_process';
import { xlsxSheets } from './pipelines/read/xlsx.ts';
for (let k = 0; k < 15; k++) {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本文件由系统导出']);
  const ws = wb.addWorksheet('订单'); ws.addRow(['订单号', '金额']); ws.addRow(['SO-1', 1]);
  wb.addWorksheet('隐藏').state = 'hidden';
  const f = `/tmp/scr/w${k}.xlsx`;
  await wb.xlsx.writeFile(f);
  const order = execSync(`unzip -Z1 ${f}`).toString().split('\n').filter((l) => l.startsWith('xl/') && !l.endsWith('/')).map((l) => l.replace('xl/', '').replace('worksheets/', 'ws/')).join(' ');
  const seen: string[] = [];
  for await (const s of xlsxSheets(f, 'x')) { let first = ''; for await (const r of s.rows) { first = r.cells[0] ?? ''; break; } seen.push(`${s.name}=${first}`); }
  console.log(seen.join(' | '), '::', order);
}
