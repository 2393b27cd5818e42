// The national vocabularies (../shared/domain/REFERENCE.md b). A value is stored as its Chinese text, exactly as the
// national system exports it, so a database file stays readable and an export needs no translation.
// `status` carries REFERENCE.md's mark: only [C] lists are confirmed; the others are proposals the township may edit.

import { pinyin } from 'pinyin-pro';

export type SourceStatus = 'C' | 'I' | 'M';

export interface VocabSpec {
  /** 中文 name of the vocabulary, as a clerk knows it. */
  readonly label: string;
  readonly values: readonly string[];
  /** Other spellings seen in real exports, mapped to the canonical value. */
  readonly synonyms?: Readonly<Record<string, string>>;
  /** Several values may be combined in one cell (e.g. 健康状况 "残疾,长期慢性病"). */
  readonly multi?: boolean;
  readonly status: SourceStatus;
}

const grades = (prefix: string, n: number): string[] =>
  ['一', '二', '三', '四', '五'].slice(0, n).map((g) => `${prefix}${g}年级`);

const definitions = {
  sex: { label: '性别', values: ['男', '女'], synonyms: { 男性: '男', 女性: '女' }, status: 'C' },
  idType: {
    label: '证件类型',
    values: ['居民身份证', '残疾人证', '户口簿', '其他证件'],
    synonyms: { 身份证: '居民身份证' },
    status: 'I',
  },
  relation: {
    label: '与户主关系',
    values: [
      '户主', '配偶', '之子', '之女', '之儿媳', '之女婿', '之孙子', '之孙女', '之外孙子', '之外孙女', '之父', '之母',
      '之岳父', '之岳母', '之公公', '之婆婆', '之祖父', '之祖母', '之外祖父', '之外祖母', '之兄弟姐妹', '之曾孙子',
      '之曾孙女', '之侄儿', '之侄女', '之兄弟媳妇', '之叔伯', '其他',
    ],
    status: 'C',
  },
  ethnicity: {
    label: '民族',
    values: [
      '汉族', '回族', '蒙古族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族',
      '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族',
      '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族',
      '仡佬族', '锡伯族', '阿昌族', '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族',
      '保安族', '裕固族', '京族', '塔塔尔族', '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族', '其他',
    ],
    status: 'C',
  },
  politicalStatus: {
    label: '政治面貌',
    values: ['中共党员', '中共预备党员', '共青团员', '民主党派', '群众'],
    status: 'C',
  },
  education: {
    label: '文化程度',
    values: ['文盲或半文盲', '小学', '初中', '高中', '技师', '大专', '高职高专', '本科及以上', '本科及研究生及以上'],
    status: 'I',
  },
  schoolStatus: {
    label: '在校生状况',
    values: [
      '学龄前儿童', '学前教育', '小学', '七年级', '八年级', '九年级',
      ...grades('普通高中', 3), ...grades('中职', 3), ...grades('高职高专', 3), ...grades('技师学院', 4),
      ...grades('本科', 5), '硕士研究生及以上',
    ],
    synonyms: {
      高中一年级: '普通高中一年级',
      高中二年级: '普通高中二年级',
      高中三年级: '普通高中三年级',
      硕士生及以上: '硕士研究生及以上',
    },
    status: 'C',
  },
  outOfSchoolReason: { label: '义务教育阶段未上学原因', values: ['因病', '因残', '其他'], status: 'I' },
  health: { label: '健康状况', values: ['健康', '长期慢性病', '患有大病', '残疾'], multi: true, status: 'C' },
  laborSkill: {
    label: '劳动技能',
    values: ['普通劳动力', '技能劳动力', '弱劳动力或半劳动力', '丧失劳动力', '无劳动力'],
    status: 'C',
  },
  workPlace: {
    label: '务工所在地',
    values: ['乡（镇）内务工', '乡（镇）外县内务工', '县外省内务工', '省外务工', '其他'],
    synonyms: { '乡(镇)内务工': '乡（镇）内务工', '乡(镇)外县内务工': '乡（镇）外县内务工' },
    status: 'C',
  },
  yesNo: { label: '是/否', values: ['是', '否'], status: 'C' },
  dibao: { label: '享受低保政策情况', values: ['农村低保', '城市低保', '未享受'], status: 'C' },
  tekun: { label: '享受特困供养政策情况', values: ['农村特困', '城市特困', '不享受'], status: 'C' },
  householdType: {
    label: '户类型',
    values: ['脱贫户', '一般农户'],
    synonyms: { 普通农户: '一般农户' },
    status: 'C',
  },
  monitoringType: {
    label: '监测对象类别',
    values: ['脱贫不稳定户', '边缘易致贫户', '突发严重困难户'],
    status: 'C',
  },
  risk: {
    label: '致贫/返贫风险',
    values: [
      '因病', '因残', '因学', '因自然灾害', '因意外事故', '因产业项目失败', '因务工就业不稳', '缺劳动力', '因安全住房',
      '因安全饮水', '其他',
    ],
    status: 'I',
  },
  eliminationMethod: { label: '风险消除方式', values: ['帮扶消除', '自然消除'], status: 'C' },
  // The monitoring procedure (REFERENCE.md d [C]: P2, P8, P21): the 识别纳入 chain in order, the 绿色通道, 风险消除 and
  // what may follow it, and the import of a household's state from the national system (src/shared/monitoring.ts).
  monitoringStep: {
    label: '监测程序步骤',
    values: [
      '申请或风险研判', '入户核查', '信息比对', '民主评议', '公示', '乡镇审核', '县级审定', '录入系统', '绿色通道先行帮扶',
      '风险消除', '风险消除回退', '风险再标注', '国家系统导入',
    ],
    status: 'C',
  },
  changeType: { label: '人员变动', values: ['自然增加', '自然减少'], status: 'I' },
  changeReason: {
    label: '人员增减原因',
    values: ['新生儿', '婚入', '迁入或回迁', '死亡', '婚出', '户籍迁出', '判刑收监', '失联', '其他'],
    // The work plan's words (新生儿、嫁入嫁出、死亡) and the 附件2 paper's (迁出).
    synonyms: { 出生: '新生儿', 嫁入: '婚入', 嫁出: '婚出', 迁出: '户籍迁出', 迁入: '迁入或回迁', 回迁: '迁入或回迁' },
    status: 'M',
  },
  naturalDisasterSub: {
    label: '因自然灾害子项',
    values: ['洪涝灾害', '地质灾害', '旱灾', '生物灾害', '气象灾害', '地震灾害', '其他'],
    status: 'M',
  },
  measureCategory: {
    label: '帮扶措施类别',
    values: [
      '产业帮扶', '就业帮扶', '金融帮扶', '公益岗位帮扶', '健康帮扶', '义务教育保障', '教育帮扶', '综合保障', '住房安全保障',
      '饮水安全保障', '社会帮扶', '搬迁', '生产生活条件改善', '基础设施建设',
    ],
    synonyms: { 其他教育帮扶: '教育帮扶', 公益性岗位帮扶: '公益岗位帮扶' },
    status: 'C',
  },
  developmentalMeasure: { label: '实施开发式帮扶措施情况', values: ['是', '尚未实施'], status: 'C' },
  keyGroup: {
    label: '重点人群类别',
    values: [
      '受灾户', '收入不增反降或增速较慢', '人均纯收入低于10000元', '务工不稳定或返乡', '新识别或新申请低保',
      '因病因残因学刚性支出较大', '产业失败或意外事故', '其他',
    ],
    multi: true,
    status: 'I',
  },
  visitConclusion: {
    label: '排查结论',
    values: ['无风险', '建议纳入监测', '建议风险消除', '风险消除回退', '风险再标注', '信息更正'],
    status: 'I',
  },
  collectMethod: { label: '采集方式', values: ['入户', '电话访谈'], status: 'C' },
  housingLevel: { label: '危房等级', values: ['A级', 'B级', 'C级', 'D级'], status: 'M' },
  roadType: { label: '入户路类型', values: ['泥土路', '砂石路', '水泥路', '沥青路'], status: 'C' },
  fuelType: { label: '主要燃料类型', values: ['柴草', '干畜粪', '煤炭', '清洁能源', '其他'], status: 'C' },
  problemCategory: {
    label: '问题类别',
    values: [
      '收入骤减或低于监测范围', '义务教育', '基本医疗', '住房安全', '饮水安全', '应纳未纳', '风险消除不规范或不稳定',
      '帮扶措施未落实或不精准', '信息数据错误', '政策落实', '其他',
    ],
    status: 'I',
  },
  problemSource: {
    label: '问题来源',
    values: ['入户排查', '部门预警或比对', '系统疑似问题数据反馈', '群众申报（一键报贫）', '数据核查', '其他'],
    status: 'I',
  },
  workChannel: {
    label: '就业渠道',
    values: ['自主就业', '劳务输出', '公益性岗位', '帮扶车间', '其他'],
    synonyms: { 公益岗位: '公益性岗位' },
    status: 'I',
  },
  teamRole: { label: '驻村职务', values: ['第一书记', '队长', '队员'], status: 'M' },
  /** What a person of 工作人员 does in the round (工作方案: 包村领导、包村干部、村干部、驻村工作队、信息采集员 …). */
  personRole: {
    label: '工作类别',
    values: ['信息采集员', '包村领导', '包村干部', '村干部', '驻村工作队', '帮扶责任人', '村医', '网格员'],
    multi: true,
    status: 'I',
  },
  dispatchLevel: { label: '派出单位层级', values: ['中央', '省', '市', '县', '乡镇'], status: 'M' },
} as const satisfies Record<string, VocabSpec>;

export type VocabKey = keyof typeof definitions;

export const vocabularies: Readonly<Record<VocabKey, VocabSpec>> = definitions;

export interface VocabOption {
  value: string;
  /** The number a clerk types for it: its position, from 1. */
  code: string;
  /** 拼音 initials, lower case (e.g. 普通劳动力 → ptldl). */
  initials: string;
}

const optionCache = new Map<VocabKey, VocabOption[]>();

/** The values of a vocabulary with their keying codes. */
export function vocabOptions(key: VocabKey): VocabOption[] {
  let options = optionCache.get(key);
  if (!options) {
    options = vocabularies[key].values.map((value, i) => ({
      value,
      code: String(i + 1),
      initials: pinyin(value, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('').toLowerCase(),
    }));
    optionCache.set(key, options);
  }
  return options;
}

/**
 * The values a clerk may mean by what they typed: the value itself or a synonym, its number, or the start of its
 * 拼音 initials. One match means the value is known.
 */
export function matchKeyed(key: VocabKey, typed: string): string[] {
  const text = typed.trim();
  if (!text) return [];
  const canonical = canonicalValue(key, text);
  if (canonical) return [canonical];
  const options = vocabOptions(key);
  if (/^\d+$/.test(text)) return options.filter((o) => o.code === text).map((o) => o.value);
  const lower = text.toLowerCase();
  if (!/^[a-z]+$/.test(lower)) return options.filter((o) => o.value.includes(text)).map((o) => o.value);
  const exact = options.filter((o) => o.initials === lower);
  if (exact.length === 1) return [exact[0]!.value];
  return options.filter((o) => o.initials.startsWith(lower)).map((o) => o.value);
}

/**
 * The canonical value for what a clerk or an export wrote, or undefined when it is not in the vocabulary.
 * Whitespace is ignored and half-width brackets are read as the full-width ones the national system uses.
 */
const valueSets = new Map<VocabKey, ReadonlySet<string>>();

export function canonicalValue(key: VocabKey, raw: string): string | undefined {
  let values = valueSets.get(key);
  if (!values) valueSets.set(key, (values = new Set(vocabularies[key].values)));
  if (values.has(raw)) return raw;
  const spec = vocabularies[key];
  const text = raw.replace(/\s+/g, '');
  if (values.has(text)) return text;
  const synonym = spec.synonyms?.[text];
  if (synonym !== undefined) return synonym;
  const widened = text.replace(/\(/g, '（').replace(/\)/g, '）');
  return values.has(widened) ? widened : undefined;
}
