// Encodings: detection with confidence, every supported encoding staged back to the same text, undecodable bytes refused.
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectEncoding, normaliseEncoding } from './encoding.ts';
import { previewFile } from './index.ts';
import { InputError } from './input-error.ts';
import { readFixture, type ReadFixture } from './testing.ts';

const SIMPLIFIED = '订单号,订单日期,客户名称,业务员编号,价税合计,状态\nSO-1,2025/3/5,上海华东贸易有限公司,R001,1800.90,已完成\nSO-2,2025/3/6,刘䶮科技,R002,20,退货\nSO-3,2025/3/7,北京远大销售有限公司,R003,5,已取消\n';
const TRADITIONAL = '訂單號,訂單日期,客戶名稱,業務員編號,金額,狀態\nSO-1,2025/3/5,台北遠東貿易有限公司,R001,1800.90,已完成\nSO-2,2025/3/6,高雄科技股份有限公司,R002,20,退貨\nSO-3,2025/3/7,臺中銷售有限公司,R003,5,已取消\n';
const WESTERN = 'Order ID,Customer Name,Amount\nA-1,Café Noël,12\nA-2,Müller GmbH – “Süd”,13\nA-3,Ångström & Fils,14\n';

let fx: ReadFixture;
beforeEach(async () => { fx = await readFixture(); });
afterEach(async () => { await fx.close(); });

describe('detectEncoding', () => {
  it('reads byte order marks with certainty', () => {
    expect(detectEncoding(Buffer.from('\uFEFFa,b\n', 'utf8'), true)).toEqual({ encoding: 'utf-8', confidence: 1 });
    expect(detectEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('a,b\n', 'utf-16le')]), true)).toEqual({ encoding: 'utf-16le', confidence: 1 });
    expect(detectEncoding(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('a,b\n', 'utf-16be')]), true)).toEqual({ encoding: 'utf-16be', confidence: 1 });
  });
  it('sees UTF-16 without a BOM in its zero bytes', () => {
    expect(detectEncoding(iconv.encode(SIMPLIFIED, 'utf-16le'), true).encoding).toBe('utf-16le');
    expect(detectEncoding(iconv.encode(SIMPLIFIED, 'utf-16be'), true).encoding).toBe('utf-16be');
  });
  it('takes valid UTF-8 as UTF-8', () => {
    expect(detectEncoding(Buffer.from(SIMPLIFIED, 'utf8'), true)).toEqual({ encoding: 'utf-8', confidence: 0.99 });
    expect(detectEncoding(Buffer.from('a,b\n1,2\n'), true)).toEqual({ encoding: 'utf-8', confidence: 1 });
    expect(detectEncoding(Buffer.from('a,b\n1,2\n'), false)).toEqual({ encoding: 'utf-8', confidence: 0.9 });
    // A sample cut in the middle of a character is still UTF-8.
    const cut = Buffer.from('订单号,金额\n', 'utf8').subarray(0, 4);
    expect(detectEncoding(cut, false).encoding).toBe('utf-8');
  });
  it('tells GB18030, Big5 and Windows-1252 apart', () => {
    const gb = detectEncoding(iconv.encode(SIMPLIFIED, 'gb18030'), true);
    expect(gb.encoding).toBe('gb18030');
    expect(gb.confidence).toBeGreaterThanOrEqual(0.7);
    const gbTraditional = detectEncoding(iconv.encode(TRADITIONAL, 'gb18030'), true);
    expect(gbTraditional.encoding).toBe('gb18030');
    const big5 = detectEncoding(iconv.encode(TRADITIONAL, 'big5'), true);
    expect(big5.encoding).toBe('big5');
    expect(big5.confidence).toBeGreaterThanOrEqual(0.7);
    expect(detectEncoding(iconv.encode(WESTERN, 'windows-1252'), true).encoding).toBe('windows-1252');
  });
});

describe('normaliseEncoding', () => {
  it('reads GBK and GB2312 as gb18030, and the usual aliases', () => {
    expect(['GBK', 'gb2312', 'GB18030', 'cp936'].map((e) => normaliseEncoding(e, 'f.csv'))).toEqual(['gb18030', 'gb18030', 'gb18030', 'gb18030']);
    expect(['UTF8', 'utf-8', 'Big5', 'latin1', 'cp1252', 'UTF-16LE'].map((e) => normaliseEncoding(e, 'f.csv'))).toEqual(['utf-8', 'utf-8', 'big5', 'windows-1252', 'windows-1252', 'utf-16le']);
  });
  it('refuses an unknown encoding', () => {
    expect(() => normaliseEncoding('klingon-8', 'f.csv')).toThrow('Unknown encoding "klingon-8" for f.csv: use utf-8, gb18030, big5, utf-16le, utf-16be or windows-1252.');
  });
});

describe('staging each encoding', () => {
  const firstNames = async () => (await fx.table()).map((r) => r[3]);

  it('GB18030, including a four-byte character', async () => {
    const s = await fx.stage(fx.write('gb.csv', iconv.encode(SIMPLIFIED, 'gb18030')), { dataset: 'orders' });
    expect(s.encoding).toBe('gb18030');
    expect(s.headers[2]).toBe('客户名称');
    expect(await firstNames()).toEqual(['上海华东贸易有限公司', '刘䶮科技', '北京远大销售有限公司']);
  });
  it('GBK named by the user reads as gb18030', async () => {
    const s = await fx.stage(fx.write('gbk.csv', iconv.encode(SIMPLIFIED, 'gb18030')), { encoding: 'GBK' });
    expect(s).toMatchObject({ encoding: 'gb18030', encodingConfidence: 1 });
    expect(await firstNames()).toEqual(['上海华东贸易有限公司', '刘䶮科技', '北京远大销售有限公司']);
  });
  it('Big5', async () => {
    const s = await fx.stage(fx.write('big5.csv', iconv.encode(TRADITIONAL, 'big5')), { dataset: 'orders' });
    expect(s.encoding).toBe('big5');
    expect(s.headers).toEqual(['訂單號', '訂單日期', '客戶名稱', '業務員編號', '金額', '狀態']);
    expect(await firstNames()).toEqual(['台北遠東貿易有限公司', '高雄科技股份有限公司', '臺中銷售有限公司']);
  });
  it('UTF-16 LE and BE, with and without BOM', async () => {
    for (const [name, bytes] of [
      ['le-bom.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SIMPLIFIED, 'utf-16le')])],
      ['be-bom.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SIMPLIFIED, 'utf-16be')])],
      ['le.csv', iconv.encode(SIMPLIFIED, 'utf-16le')],
      ['be.csv', iconv.encode(SIMPLIFIED, 'utf-16be')],
    ] as const) {
      const s = await fx.stage(fx.write(name, bytes), { dataset: 'orders' });
      expect(s.headers[0], name).toBe('订单号');
      expect(await firstNames(), name).toEqual(['上海华东贸易有限公司', '刘䶮科技', '北京远大销售有限公司']);
    }
  });
  it('Windows-1252', async () => {
    const s = await fx.stage(fx.write('w.csv', iconv.encode(WESTERN, 'windows-1252')));
    expect(s.encoding).toBe('windows-1252');
    expect((await fx.table()).map((r) => r[2])).toEqual(['Café Noël', 'Müller GmbH – “Süd”', 'Ångström & Fils']);
  });
  it('UTF-8 whose first megabyte is plain ASCII but which turns out to be Windows-1252', async () => {
    const lines = ['Order ID,Customer Name,Amount'];
    for (let i = 0; i < 50000; i++) lines.push(`A-${i},Plain Name ${i},1`);
    const ascii = Buffer.from(`${lines.join('\n')}\n`, 'latin1');
    expect(ascii.length).toBeGreaterThan(1 << 20);
    const file = fx.write('late.csv', Buffer.concat([ascii, iconv.encode('B-1,Café Noël,2\nB-2,Crème Brûlée,3\n', 'windows-1252')]));
    const s = await fx.stage(file);
    expect(s.encoding).toBe('windows-1252');
    expect(s.encodingConfidence).toBeLessThan(1);
    expect((await fx.table()).slice(-2).map((r) => r[2])).toEqual(['Café Noël', 'Crème Brûlée']);
  });
});

describe('bytes that do not decode', () => {
  it('refuses undecodable GB18030 bytes, naming the line', async () => {
    const bytes = Buffer.concat([iconv.encode('订单号,客户名称\nSO-1,上海\n', 'gb18030'), Buffer.from('SO-2,'), Buffer.from([0xff, 0x20]), Buffer.from('\n')]);
    const err = await fx.stage(fx.write('bad-gb.csv', bytes), { encoding: 'gb18030' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe('bad-gb.csv, line 3: there are bytes that are not valid gb18030 text; the file is in another encoding (pass --encoding, e.g. utf-8, gb18030 or big5) or is damaged.');
    expect((err as InputError).row).toBe(3);
  });
  it('refuses damaged UTF-8 rather than reading it as another encoding', async () => {
    const bytes = Buffer.concat([Buffer.from('订单号,客户名称\nSO-1,上海\nSO-2,北', 'utf8'), Buffer.from([0xe4, 0x20]), Buffer.from('京\n', 'utf8')]);
    const err = await fx.stage(fx.write('damaged.csv', bytes)).catch((e: unknown) => e);
    expect((err as InputError).message).toBe('damaged.csv, line 3: the bytes are not valid UTF-8 text; pass the file\'s encoding (e.g. --encoding gb18030).');
  });
  it('refuses a file declared UTF-8 that is not, naming the line', async () => {
    const err = await fx.stage(fx.write('liar.csv', iconv.encode(SIMPLIFIED, 'gb18030')), { encoding: 'utf-8' }).catch((e: unknown) => e);
    expect((err as InputError).message).toBe('liar.csv, line 1: the bytes are not valid UTF-8 text; pass the file\'s encoding (e.g. --encoding gb18030).');
  });
  it('refuses it in the preview too', async () => {
    await expect(previewFile(fx.write('liar2.csv', iconv.encode(SIMPLIFIED, 'gb18030')), { tmpDir: fx.dir, encoding: 'utf-8' })).rejects.toThrow('liar2.csv, line 1: there are bytes that are not valid utf-8 text');
  });
  it('previews GB18030 with its guessed encoding', async () => {
    const p = await previewFile(fx.write('gb-preview.csv', iconv.encode(SIMPLIFIED, 'gb18030')), { tmpDir: fx.dir });
    expect(p).toMatchObject({ encoding: 'gb18030', headerRow: 1, guessedDataset: 'orders' });
    expect(p.rows[1]).toEqual(['SO-2', '2025/3/6', '刘䶮科技', 'R002', '20', '退货']);
  });
});
