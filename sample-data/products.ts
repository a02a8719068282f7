// The product catalogue of an industrial-supplies distributor: six categories, each item in
// several specifications, priced from a few yuan (gloves by the dozen) to thousands (inverters).

import type { Rng } from './random.ts';
import type { Product } from './model.ts';

interface Item {
  name: string;
  specs: readonly string[];
  price: readonly [number, number];
}

interface Category {
  name: string;
  code: string;
  items: readonly Item[];
}

const CATALOGUE: readonly Category[] = [
  {
    name: '电气元件', code: 'DQ', items: [
      { name: '交流接触器', specs: ['CJX2-0910', 'CJX2-1810', 'CJX2-2510', 'CJX2-3210', 'CJX2-4011', 'CJX2-6511'], price: [28, 260] },
      { name: '小型断路器', specs: ['DZ47-63 C10', 'DZ47-63 C16', 'DZ47-63 C20', 'DZ47-63 C32', 'DZ47-63 C63', 'NXB-63 C25'], price: [12, 60] },
      { name: '中间继电器', specs: ['MY2NJ', 'MY4NJ', 'HH52P', 'HH54P'], price: [15, 45] },
      { name: '热过载继电器', specs: ['JR36-20', 'JR36-63', 'NR2-25', 'NR2-93'], price: [35, 180] },
      { name: '开关电源', specs: ['S-100-24', 'S-200-24', 'S-350-24', 'LRS-150-12', 'LRS-350-24'], price: [60, 320] },
      { name: '变频器', specs: ['0.75kW 220V', '1.5kW 380V', '2.2kW 380V', '5.5kW 380V', '11kW 380V'], price: [680, 4800] },
      { name: '光电传感器', specs: ['E3Z-D61', 'E3Z-R61', 'E3F-DS30C4'], price: [45, 260] },
      { name: '接近开关', specs: ['LJ12A3-4-Z/BX', 'LJ18A3-8-Z/BX', 'LJ30A3-15-Z/BY'], price: [18, 85] },
      { name: '按钮开关', specs: ['LA38-11', 'LA38-11ZS', 'XB2-BA31'], price: [6, 38] },
      { name: '控制电缆', specs: ['RVV 3×1.5 (100m)', 'RVV 4×2.5 (100m)', 'KVVP 7×1.0 (100m)'], price: [260, 980] },
      { name: '端子排', specs: ['UK-2.5B', 'UK-5N', 'UK-10N'], price: [1.2, 6] },
    ],
  },
  {
    name: '液压气动', code: 'YQ', items: [
      { name: '标准气缸', specs: ['SC32×100', 'SC40×100', 'SC50×150', 'SC63×200', 'SC80×200'], price: [85, 420] },
      { name: '电磁阀', specs: ['4V210-08', '4V310-10', '4V410-15', '2W160-15'], price: [48, 220] },
      { name: '气动三联件', specs: ['AC2000', 'AC3000', 'AC4000'], price: [65, 210] },
      { name: '液压油缸', specs: ['HOB40×100', 'HOB50×150', 'HOB63×200', 'HOB80×300'], price: [380, 1600] },
      { name: '齿轮泵', specs: ['CBN-E306', 'CBN-E310', 'CBN-E316', 'CBN-E320'], price: [260, 780] },
      { name: '液压软管', specs: ['DN10 1m', 'DN16 1m', 'DN20 1.5m', 'DN25 2m'], price: [35, 160] },
      { name: '快速接头', specs: ['PC8-02', 'PC10-03', 'PC12-04', 'PU8直通'], price: [2.5, 12] },
      { name: '气管', specs: ['PU8×5 (100m)', 'PU10×6.5 (100m)', 'PU12×8 (100m)'], price: [120, 320] },
      { name: '溢流阀', specs: ['DBDS6K', 'DBDS10K', 'DBW10B'], price: [180, 950] },
    ],
  },
  {
    name: '轴承传动', code: 'ZC', items: [
      { name: '深沟球轴承', specs: ['6204-2RS', '6205-2RS', '6206-2RS', '6305-2RS', '6308-2Z', '6310-2Z'], price: [8, 85] },
      { name: '圆锥滚子轴承', specs: ['30205', '30206', '32210', '32212', '30312'], price: [25, 160] },
      { name: '同步带', specs: ['HTD5M-450', 'HTD8M-800', 'S8M-1200', 'T10-1010'], price: [30, 220] },
      { name: '滚子链条', specs: ['08B-1 (5m)', '10A-1 (5m)', '12A-1 (5m)', '16A-2 (5m)'], price: [60, 420] },
      { name: '梅花联轴器', specs: ['LM50', 'LM70', 'LM90', 'LM112'], price: [45, 320] },
      { name: '蜗轮减速机', specs: ['NMRV050 i=10', 'NMRV063 i=20', 'NMRV075 i=30', 'NMRV090 i=40'], price: [420, 1850] },
      { name: '直线导轨', specs: ['HGR15 1m', 'HGR20 1m', 'HGR25 1.5m'], price: [160, 620] },
      { name: '带座轴承', specs: ['UCP204', 'UCP205', 'UCF206', 'UCFL207'], price: [22, 95] },
    ],
  },
  {
    name: '五金工具', code: 'WJ', items: [
      { name: '内六角扳手套装', specs: ['9件套', '12件套', '公英制18件套'], price: [28, 160] },
      { name: '电动扳手', specs: ['350N·m 充电式', '600N·m 充电式', '1000N·m 插电式'], price: [480, 1650] },
      { name: '角磨机', specs: ['100mm 850W', '125mm 1200W', '180mm 2200W'], price: [220, 760] },
      { name: '冲击钻', specs: ['13mm 710W', '16mm 1010W', '20mm 1200W'], price: [260, 880] },
      { name: '游标卡尺', specs: ['0-150mm', '0-200mm', '0-300mm', '数显0-150mm'], price: [45, 420] },
      { name: '不锈钢螺栓', specs: ['M6×30 (100只)', 'M8×40 (100只)', 'M10×50 (100只)', 'M12×60 (50只)'], price: [18, 120] },
      { name: '钻头套装', specs: ['HSS 13件', 'HSS 25件', '含钴 19件'], price: [35, 260] },
      { name: '工具箱', specs: ['三层铁皮', '五抽屉推车', '塑料18寸'], price: [65, 1280] },
      { name: '扭力扳手', specs: ['5-25N·m', '20-100N·m', '40-200N·m'], price: [180, 620] },
    ],
  },
  {
    name: '仪器仪表', code: 'YB', items: [
      { name: '数字万用表', specs: ['UT61E', 'UT89X', 'UT33D', 'F17B+'], price: [85, 680] },
      { name: '钳形电流表', specs: ['UT204+', 'UT216C', 'F317'], price: [160, 720] },
      { name: '压力表', specs: ['Y-60 0-1.6MPa', 'Y-100 0-2.5MPa', 'YN-60 耐震 0-40MPa'], price: [18, 95] },
      { name: '温控器', specs: ['REX-C100', 'XMT-7100', 'E5CC-QX2ASM'], price: [45, 680] },
      { name: '红外测温仪', specs: ['GM320', 'GM550', 'GM900'], price: [65, 420] },
      { name: '涡轮流量计', specs: ['LWGY-15', 'LWGY-25', 'LWGY-50'], price: [850, 2600] },
      { name: '兆欧表', specs: ['ZC25-3 500V', 'ZC25-4 1000V', 'UT501A'], price: [220, 680] },
      { name: '温湿度记录仪', specs: ['TH-20R', 'GSP-6', 'RC-4HC'], price: [120, 460] },
    ],
  },
  {
    name: '劳保用品', code: 'LB', items: [
      { name: '防护手套', specs: ['丁腈涂层 (12副)', '防割5级 (12副)', '棉纱 (12副)', '耐油 (12副)'], price: [18, 160] },
      { name: '安全帽', specs: ['ABS 白色', 'ABS 黄色', 'ABS 蓝色', '玻璃钢 红色'], price: [15, 65] },
      { name: '防护眼镜', specs: ['防冲击', '防雾', '防紫外线'], price: [8, 45] },
      { name: '劳保鞋', specs: ['钢头 防砸', '钢头 防刺穿', '绝缘 6kV'], price: [85, 260] },
      { name: '防尘口罩', specs: ['KN95 (50只)', 'KN90 (50只)', '活性炭 (50只)'], price: [45, 160] },
      { name: '反光背心', specs: ['网布 橙色', '加厚 荧光黄'], price: [8, 25] },
      { name: '耳塞', specs: ['泡棉 (200副)', '硅胶 带线 (100副)'], price: [48, 150] },
      { name: '防护服', specs: ['一次性 无纺布', '防化 连体', '阻燃 工装'], price: [20, 380] },
    ],
  },
];

export const CATEGORY_COUNT = CATALOGUE.length;

function nicePrice(value: number): number {
  // Catalogue prices end in .00 or .50 below 100 and in whole yuan (often 8 or 0) above.
  if (value < 20) return Math.round(value * 2) / 2;
  if (value < 100) return Math.round(value);
  if (value < 300) return Math.round(value / 5) * 5;
  return Math.round(value / 10) * 10 - 2;
}

/** `count` products spread evenly over the categories, most popular first within each. */
export function buildProducts(rng: Rng, count: number): Product[] {
  const perCategory = Math.ceil(count / CATALOGUE.length);
  const products: Product[] = [];
  CATALOGUE.forEach((cat, ci) => {
    const combos: Array<{ item: Item; spec: string }> = [];
    for (const item of cat.items) for (const spec of item.specs) combos.push({ item, spec });
    rng.shuffle(combos);
    // Large catalogues extend a category with a heavy-duty and an economy grade of each item.
    const extended = [
      ...combos.map((c) => ({ ...c, grade: 1 })),
      ...combos.map((c) => ({ item: c.item, spec: `${c.spec} 加强型`, grade: 1.3 })),
      ...combos.map((c) => ({ item: c.item, spec: `${c.spec} 经济型`, grade: 0.8 })),
    ];
    const take = Math.min(perCategory, count - products.length, extended.length);
    for (let i = 0; i < take; i++) {
      const { item, spec, grade } = extended[i]!;
      const [lo, hi] = item.price;
      const base = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.next());
      const price = nicePrice(base * grade);
      products.push({
        index: products.length,
        sku: `${cat.code}-${1001 + i}`,
        name: `${item.name} ${spec}`,
        category: cat.name,
        categoryIndex: ci,
        listPriceCents: Math.round(price * 100),
        popularity: 1 / Math.pow(i + 1, 0.8),
      });
    }
  });
  return products;
}
