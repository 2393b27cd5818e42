// The left navigation: the register, the five annex tables of the work plan, checks, report, settings.
import type { PlannedPageSpec } from './pages/PlannedPage';

export type PageKey = 'register' | 'income' | 'visits' | 'keygroups' | 'problems' | 'assignments' | 'checks' | 'report' | 'settings';

export interface NavItem {
  key: PageKey;
  label: string;
  /** Set while the page is still to be built: what it will hold. */
  planned?: PlannedPageSpec;
}

export const navItems: NavItem[] = [
  { key: 'register', label: '户籍台账' },
  {
    key: 'income',
    label: '1 收入信息采集表',
    planned: {
      title: '附件1 正宁县2023年度脱贫人口（监测对象）收入信息采集表',
      summary: '按户录入工资性、生产经营性、财产性、转移性收入和生产经营性支出的明细，自动汇总家庭纯收入、人均纯收入和纳入监测对象的收入参考范围。',
      items: ['逐项收入明细与说明', '自动计算年总收入、年纯收入、人均纯收入', '与上年收入比较，标出收入下降户', '打印供农户和信息采集员双签字'],
    },
  },
  {
    key: 'visits',
    label: '2 入户调查表',
    planned: {
      title: '附件2 正宁县防止返贫监测帮扶第二轮排查入户调查表',
      summary: '户基本信息、家庭成员、收支、“两不愁三保障”及饮水安全、生产生活条件、风险研判与排查结论，按纸质表顺序录入。',
      items: ['两不愁三保障及饮水安全', '生产生活条件', '风险研判与排查结论', '排查人与户主签字'],
    },
  },
  {
    key: 'keygroups',
    label: '3 重点人群汇总表',
    planned: {
      title: '附件3 第二轮排查重点人群汇总表',
      summary: '按工作方案列出的重点人群（受灾户、收入下降户、人均纯收入低于10000元户、务工不稳定户等）自动筛出并说明原因。',
      items: ['重点人群自动识别与原因', '收入增减额和增减幅', '排查结论与是否纳入监测'],
    },
  },
  {
    key: 'problems',
    label: '4 问题台账',
    planned: {
      title: '附件4 第二轮排查问题台账',
      summary: '排查发现的问题逐条登记，明确整改措施、责任人和时限，整改完成后销号。',
      items: ['问题类别与来源', '整改措施、责任人、时限', '整改进展与销号'],
    },
  },
  {
    key: 'assignments',
    label: '5 入户责任分工表',
    planned: {
      title: '附件5 第二轮排查入户责任分工表',
      summary: '按村民小组（片区）确定两名入户排查责任人，并核对入户调查表上的排查人签字。',
      items: ['片区户数、人数', '包村领导、驻村工作队、排查责任人', '排查人与分工表一致性核对'],
    },
  },
  { key: 'checks', label: '数据核查' },
  {
    key: 'report',
    label: '报告',
    planned: {
      title: '总结报告',
      summary: '根据数据自动生成《2023年度防止返贫动态监测帮扶工作情况报告暨第二轮集中排查工作总结报告》Word 文档及统计表。',
      items: ['基本情况与排查结果统计', '收入与重点人群分析', '问题整改情况', '导出 Word 文档'],
    },
  },
  { key: 'settings', label: '设置' },
];

export interface Location {
  page: PageKey;
  /** Where on the page to go, e.g. household=5&table=members&row=12&field=idNumber. */
  params: URLSearchParams;
}

/** '#/register?household=5' → the page and its parameters. */
export function parseHash(hash: string): Location {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const page = navItems.some((n) => n.key === path) ? (path as PageKey) : 'register';
  return { page, params: new URLSearchParams(query) };
}

export function hashFor(page: PageKey, params: Record<string, string | number> = {}): string {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  return `#/${page}${query ? `?${query}` : ''}`;
}
