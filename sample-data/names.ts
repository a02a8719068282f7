// Word pools for names: people (Chinese with pinyin for e-mail addresses, a few English names),
// companies (city + brand + trade + suffix), cities by region, and the free-text pools for visits.

import type { Rng } from './random.ts';

// [character, pinyin]
const SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'],
  ['黄', 'huang'], ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'],
  ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin'],
  ['罗', 'luo'], ['高', 'gao'], ['郑', 'zheng'], ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'],
  ['唐', 'tang'], ['许', 'xu'], ['韩', 'han'], ['冯', 'feng'], ['邓', 'deng'], ['曹', 'cao'],
  ['彭', 'peng'], ['曾', 'zeng'], ['肖', 'xiao'], ['田', 'tian'], ['董', 'dong'], ['潘', 'pan'],
  ['袁', 'yuan'], ['蔡', 'cai'], ['蒋', 'jiang'], ['余', 'yu'], ['于', 'yu'], ['杜', 'du'],
  ['叶', 'ye'], ['程', 'cheng'], ['魏', 'wei'], ['苏', 'su'], ['吕', 'lv'], ['丁', 'ding'],
  ['沈', 'shen'], ['任', 'ren'],
];

const GIVEN: ReadonlyArray<readonly [string, string]> = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'],
  ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'],
  ['杰', 'jie'], ['娟', 'juan'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['秀', 'xiu'],
  ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['桂', 'gui'], ['英', 'ying'], ['华', 'hua'],
  ['玉', 'yu'], ['萍', 'ping'], ['红', 'hong'], ['建', 'jian'], ['文', 'wen'], ['辉', 'hui'],
  ['鹏', 'peng'], ['宇', 'yu'], ['浩', 'hao'], ['婷', 'ting'], ['雪', 'xue'], ['琳', 'lin'],
  ['晨', 'chen'], ['欣', 'xin'], ['凯', 'kai'], ['斌', 'bin'], ['峰', 'feng'], ['波', 'bo'],
  ['倩', 'qian'], ['颖', 'ying'], ['佳', 'jia'], ['俊', 'jun'], ['志', 'zhi'], ['晓', 'xiao'],
  ['海', 'hai'], ['丹', 'dan'], ['睿', 'rui'], ['思', 'si'], ['梓', 'zi'], ['嘉', 'jia'],
];

const ENGLISH_GIVEN = [
  'Kevin', 'Lisa', 'Tony', 'Amy', 'David', 'Grace', 'Jason', 'Cindy', 'Eric', 'Vivian',
  'Frank', 'Helen', 'Leo', 'Iris', 'Sam', 'Wendy',
];

export interface PersonName {
  name: string;
  emailLocal: string;
}

/** A person's name, unique within `taken`; about one in twelve uses an English given name. */
export function personName(rng: Rng, taken: Set<string>): PersonName {
  for (;;) {
    const [sur, surPy] = rng.pick(SURNAMES);
    if (rng.chance(0.08)) {
      const given = rng.pick(ENGLISH_GIVEN);
      const py = surPy[0]!.toUpperCase() + surPy.slice(1);
      const name = `${given} ${py}`;
      if (taken.has(name)) continue;
      taken.add(name);
      return { name, emailLocal: `${given.toLowerCase()}.${surPy}` };
    }
    const [g1, p1] = rng.pick(GIVEN);
    let name = sur + g1;
    let local = p1;
    if (rng.chance(0.65)) {
      const [g2, p2] = rng.pick(GIVEN);
      if (g2 === g1) continue;
      name += g2;
      local += p2;
    }
    if (taken.has(name)) continue;
    taken.add(name);
    return { name, emailLocal: `${local}.${surPy}` };
  }
}

// City and its pinyin, per region.
export const CITIES: Record<string, ReadonlyArray<readonly [string, string]>> = {
  华东: [['上海', 'Shanghai'], ['苏州', 'Suzhou'], ['无锡', 'Wuxi'], ['常州', 'Changzhou'], ['南京', 'Nanjing'],
    ['杭州', 'Hangzhou'], ['宁波', 'Ningbo'], ['嘉兴', 'Jiaxing'], ['绍兴', 'Shaoxing'], ['合肥', 'Hefei'],
    ['济南', 'Jinan'], ['青岛', 'Qingdao'], ['温州', 'Wenzhou'], ['南通', 'Nantong']],
  华南: [['广州', 'Guangzhou'], ['深圳', 'Shenzhen'], ['东莞', 'Dongguan'], ['佛山', 'Foshan'], ['中山', 'Zhongshan'],
    ['珠海', 'Zhuhai'], ['惠州', 'Huizhou'], ['厦门', 'Xiamen'], ['福州', 'Fuzhou'], ['泉州', 'Quanzhou'],
    ['南宁', 'Nanning']],
  华北: [['北京', 'Beijing'], ['天津', 'Tianjin'], ['石家庄', 'Shijiazhuang'], ['唐山', 'Tangshan'],
    ['保定', 'Baoding'], ['太原', 'Taiyuan'], ['廊坊', 'Langfang'], ['沧州', 'Cangzhou']],
  华中: [['武汉', 'Wuhan'], ['长沙', 'Changsha'], ['郑州', 'Zhengzhou'], ['南昌', 'Nanchang'], ['株洲', 'Zhuzhou'],
    ['襄阳', 'Xiangyang'], ['洛阳', 'Luoyang']],
  西南: [['成都', 'Chengdu'], ['重庆', 'Chongqing'], ['昆明', 'Kunming'], ['贵阳', 'Guiyang'], ['绵阳', 'Mianyang']],
  西北: [['西安', "Xi'an"], ['兰州', 'Lanzhou'], ['银川', 'Yinchuan'], ['宝鸡', 'Baoji']],
  东北: [['沈阳', 'Shenyang'], ['大连', 'Dalian'], ['长春', 'Changchun'], ['哈尔滨', 'Harbin']],
};

const BRAND_CHARS = [
  '恒', '通', '瑞', '华', '鑫', '达', '宏', '泰', '盛', '远', '兴', '隆', '丰', '源', '德', '信', '安', '科',
  '精', '创', '联', '海', '嘉', '新', '宝', '金', '天', '中', '正', '明', '博', '益', '万', '永', '荣', '凯',
  '晟', '昌', '佳', '辉', '智', '威', '力', '诚',
];

const ENGLISH_BRANDS = [
  'Apex', 'Sinotech', 'Everbright', 'Orient', 'Greatwall', 'Pacific', 'Unitek', 'Goldsun', 'Novamax',
  'Redstone', 'Bluewave', 'Primus',
];
const ENGLISH_TRADES = ['Precision', 'Automation', 'Electric', 'Machinery', 'Packaging', 'Industrial', 'Electronics'];

export const INDUSTRIES: ReadonlyArray<{ industry: string; words: readonly string[] }> = [
  { industry: '汽车零部件', words: ['汽车配件', '汽车零部件', '车业'] },
  { industry: '机械制造', words: ['机械', '精密机械', '重工', '机电'] },
  { industry: '电子电器', words: ['电子', '电器', '光电', '电子科技'] },
  { industry: '化工', words: ['化工', '新材料', '化学'] },
  { industry: '食品饮料', words: ['食品', '饮料', '乳业'] },
  { industry: '建筑工程', words: ['建设工程', '建筑安装', '工程技术'] },
  { industry: '能源电力', words: ['能源', '电力设备', '新能源'] },
  { industry: '医药', words: ['药业', '医疗器械', '生物科技'] },
  { industry: '包装印刷', words: ['包装', '印务', '纸业'] },
  { industry: '自动化设备', words: ['自动化', '智能装备', '机器人'] },
];

const SUFFIXES = ['有限公司', '有限公司', '有限公司', '股份有限公司', '制造有限公司'];

/** A customer's company name, unique within `taken`. */
export function companyName(rng: Rng, region: string, industry: number, taken: Set<string>): string {
  const cities = CITIES[region] ?? CITIES['华东']!;
  const words = INDUSTRIES[industry]!.words;
  for (;;) {
    const [city, cityPy] = rng.pick(cities);
    let name: string;
    if (rng.chance(0.04)) {
      name = `${rng.pick(ENGLISH_BRANDS)} ${rng.pick(ENGLISH_TRADES)} (${cityPy}) Co., Ltd.`;
    } else {
      const a = rng.pick(BRAND_CHARS);
      const b = rng.pick(BRAND_CHARS);
      if (a === b) continue;
      name = `${city}${a}${b}${rng.pick(words)}${rng.pick(SUFFIXES)}`;
    }
    if (taken.has(name)) {
      // Large scales exhaust the plain pattern in busy cities; a branch name keeps names unique.
      const branch = `${name.replace(/有限公司$/, '')}${rng.pick(cities)[0]}分公司`;
      if (taken.has(branch)) continue;
      taken.add(branch);
      return branch;
    }
    taken.add(name);
    return name;
  }
}

export const SEGMENTS = ['终端用户', '经销商', '系统集成商', '工程公司'] as const;
export const SEGMENT_WEIGHTS = [0.55, 0.2, 0.15, 0.1];

export const OUTCOMES_POSITIVE = [
  '客户有采购意向，需报价',
  '已确认需求，近期下单',
  '送样测试通过',
  '谈妥价格，等待合同',
  '客户当场下单',
];
export const OUTCOMES_NEUTRAL = [
  '介绍新品，客户感兴趣',
  '了解客户库存情况',
  '维护关系，暂无新需求',
  '客户暂无需求',
  '处理售后问题',
  '催收货款',
  '客户负责人出差，改约时间',
  '竞品价格更低，继续跟进',
];
export const OUTCOME_FIRST = '初次拜访，建立客户档案';

export const NOTES = [
  '',
  '',
  '',
  '客户关注交期',
  '需要提供技术资料',
  '客户反馈"交期太长"，需协调仓库',
  '约了下周二, 带样品过去',
  '采购经理换人，需重新建立关系',
  '年底有扩产计划',
  '对价格比较敏感',
  '要求月结60天',
  'Follow up with purchasing, send quote',
  '已发送报价单',
  '客户希望上门培训',
];
