// The tables of the 总结报告: by village (counts as 附件5 and the 进度 page count them, income as the income pages
// compute it, 重点人群 as screening.ts finds them), problems by category, and the annexes — 附件3, 附件4, 附件5 from the
// layouts registry (the same columns and rows as their .xlsx exports) and the 疑似问题 list of 数据核查.
import { groupBy } from '../../../shared/groupBy';
import { findLayout, type Layout } from '../../../shared/layouts';
import { visited } from '../../../shared/progress';
import { isYes, text } from '../../../shared/rules/helpers';
import { severityText, type Finding } from '../../../shared/rules/types';
import { keyGroupMark, keyGroupNames, keyGroupSummary } from '../../../shared/screening';
import { columnSpec } from '../../../shared/tables';
import { vocabularies } from '../../../shared/vocab';
import type { YearData } from '../../../shared/yearData';
import type { CellText, WordColumn, WordTable } from '../docx/template';
import { countOf, perCapitaOf, percentText, type HouseholdView } from './figures';

export interface ReportTable {
  name: string;
  title: string;
  source: string;
  table: WordTable;
}

const column = (header: string, width = 4, group?: string): WordColumn => ({ header, width, group });
const money = (yuan: number | null): CellText => (yuan === null ? '—' : yuan.toFixed(2));

/** A table with a 合计 row over the numeric columns (a percentage or an average is given by `total`). */
function withTotal(rows: CellText[][], total?: (column: number) => CellText): CellText[][] {
  if (!rows.length) return rows;
  const sums = rows[0]!.map((_v, i) => (i === 0 ? '合计' : (total?.(i) ?? rows.reduce((n, r) => n + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0))));
  return [...rows, sums];
}

/** 户/人 of the village's households, of its 脱贫户 and 监测户, visited, newly identified and cleared. */
function byVillage(data: YearData, views: readonly HouseholdView[]): ReportTable {
  const villages = groupBy(views, (h) => h.village);
  const rows = [...villages].map(([village, list]): CellText[] => {
    const c = countOf(data, list);
    const identified = list.filter((h) => h.monitored && text(h.row.identifiedMonth).startsWith(String(data.year)));
    const cleared = list.filter((h) => isYes(h.row.riskEliminated) && text(h.row.eliminatedMonth).startsWith(String(data.year)));
    return [village, c.households, c.people, c.povertyHouseholds, c.povertyPeople, c.monitoredHouseholds, c.monitoredPeople, identified.length, cleared.length, list.filter((h) => visited(h.visit)).length];
  });
  return {
    name: '分村统计表',
    title: `${data.year}年度分村户数人数统计表`,
    source: '户籍台账（户数、家庭人口数）、附件2 入户调查表（已排查：填有排查日期）',
    table: {
      columns: [column('行政村', 6), column('户数', 3, '合计'), column('人数', 3, '合计'), column('户数', 3, '脱贫户'), column('人数', 3, '脱贫户'), column('户数', 3, '监测户'), column('人数', 3, '监测户'), column('新识别（户）', 4), column('风险消除（户）', 4), column('已排查（户）', 4)],
      rows: withTotal(rows),
    },
  };
}

/** 人均纯收入 by village, this year and last, and the households whose income fell. */
function incomeByVillage(data: YearData, views: readonly HouseholdView[]): ReportTable {
  const villages = [...groupBy(views, (h) => h.village), ['合计', views] as const];
  const rows = villages.map(([village, list]): CellText[] => {
    const [now, before] = [perCapitaOf(data, list, 'income'), perCapitaOf(data, list, 'previousIncome')];
    const fell = list.filter((h) => (data.derived.get(h.row.id)?.change?.amount ?? 0) < 0).length;
    return [village, list.filter((h) => data.derived.get(h.row.id)?.income).length, money(now), money(before), now !== null && before ? percentText(now - before, before) : '—', fell];
  });
  return {
    name: '分村收入统计表',
    title: `${data.year}年度分村人均纯收入统计表`,
    source: `附件1 收入信息采集表：家庭纯收入合计 ÷ 家庭人口数合计（元），${data.year - 1}年为上年记录`,
    table: {
      columns: [column('行政村', 6), column('有收入信息（户）', 4), column(`${data.year}年人均纯收入（元）`, 5), column(`${data.year - 1}年人均纯收入（元）`, 5), column('增减幅', 4), column('收入减少（户）', 4)],
      rows,
    },
  };
}

/** 人均纯收入 by band: below the 监测范围 (when set), below the key-group line, and upward. */
function incomeBands(data: YearData, views: readonly HouseholdView[]): ReportTable {
  const line = data.profile.monitoringLine;
  const bounds = [...new Set([...(line !== null ? [line] : []), data.profile.keyGroupLine, 15000, 20000])].sort((a, b) => a - b);
  const withIncome = views.filter((h) => data.derived.get(h.row.id)?.income?.perCapita != null);
  const perCapita = (h: HouseholdView) => data.derived.get(h.row.id)!.income!.perCapita!;
  const bands = bounds.map((upper, i) => ({ label: i === 0 ? `${upper}元以下` : `${bounds[i - 1]}—${upper}元`, test: (v: number) => v < upper && (i === 0 || v >= bounds[i - 1]!) }));
  bands.push({ label: `${bounds.at(-1)}元及以上`, test: (v: number) => v >= bounds.at(-1)! });
  const rows = bands.map(({ label, test }): CellText[] => {
    const c = countOf(data, withIncome.filter((h) => test(perCapita(h))));
    return [label, c.households, c.people, percentText(c.households, withIncome.length)];
  });
  return {
    name: '人均纯收入分布表',
    title: `${data.year}年度人均纯收入分布表`,
    source: `附件1 收入信息采集表：各户${data.year}年人均纯收入${line !== null ? `；${line}元为监测范围` : ''}`,
    table: { columns: [column('人均纯收入', 6), column('户数', 3), column('人数', 3), column('占有收入信息户的比例', 5)], rows: withTotal(rows, (i) => (i === 3 ? '100.0%' : undefined)) },
  };
}

/** 重点人群 户/人 by village and group, as screening.ts finds them. */
function keyGroupsByVillage(data: YearData, views: readonly HouseholdView[]): ReportTable {
  const summary = keyGroupSummary(data, new Map(views.flatMap((h) => (h.keyGroups ? [[h.row.id, h.keyGroups] as const] : []))));
  const villages = [...new Set(summary.map((r) => r.village))];
  const cells = (village: string | null) =>
    keyGroupNames.flatMap((_n, i) => {
      const rows = summary.filter((r) => r.group === i + 1 && (village === null || r.village === village));
      return [rows.reduce((n, r) => n + r.households, 0), rows.reduce((n, r) => n + r.people, 0)];
    });
  return {
    name: '重点人群统计表',
    title: '重点人群分村统计表',
    source: `附件3 重点人群：②③⑥按${data.profile.keyGroupIncomeYear}年收入等数据自动识别，其余为人工认定；一户可属多类`,
    table: {
      columns: [column('行政村', 5), ...keyGroupNames.flatMap((name, i) => [column('户', 2, `${keyGroupMark(i + 1)}${name}`), column('人', 2, `${keyGroupMark(i + 1)}${name}`)])],
      rows: [...villages.map((v) => [v, ...cells(v)]), ['合计', ...cells(null)]],
    },
  };
}

/** 致贫/返贫风险 of the 监测户 (风险1, the main one). */
function risksOfMonitored(data: YearData, views: readonly HouseholdView[]): ReportTable {
  const monitored = views.filter((h) => h.monitored);
  const rows = vocabularies.risk.values.map((risk): CellText[] => {
    const c = countOf(data, monitored.filter((h) => text(h.row.risk1) === risk));
    return [risk, c.households, c.people];
  });
  const none = countOf(data, monitored.filter((h) => !text(h.row.risk1)));
  if (none.households) rows.push(['未填写', none.households, none.people]);
  return {
    name: '风险类型统计表',
    title: '监测户致贫/返贫风险类型统计表',
    source: '户籍台账：监测户的致贫/返贫风险1',
    table: { columns: [column('风险类型', 6), column('户数', 3), column('人数', 3)], rows: withTotal(rows) },
  };
}

/** 问题台账 by category: found, closed, open. */
function problemsByCategory(data: YearData): ReportTable {
  const rows = vocabularies.problemCategory.values
    .map((category): CellText[] => {
      const list = data.problems.filter((p) => text(p.category) === category);
      const closed = list.filter((p) => isYes(p.closed)).length;
      return [category, list.length, closed, list.length - closed];
    })
    .filter((r) => r[1] !== 0);
  return {
    name: '问题分类统计表',
    title: '排查发现问题分类整改情况统计表',
    source: '附件4 问题台账：问题类别、是否整改完成（销号）',
    table: { columns: [column('问题类别', 8), column('问题数', 3), column('已整改', 3), column('未整改', 3)], rows: withTotal(rows) },
  };
}

/** An annex form of the layouts registry as a Word table: the columns and rows of its .xlsx export. */
export function annex(data: YearData, name: string, layoutId: string): ReportTable {
  const layout: Layout = findLayout(layoutId)!;
  const rows = layout.rows(data);
  return {
    name,
    title: layout.title(data.place, data.year),
    source: `${layout.label}（与导出的表格相同）`,
    table: {
      columns: layout.columns.map((c) => ({ header: c.header, group: c.group, width: c.width })),
      rows: rows.map((row, i) => layout.columns.map((c) => c.value(row, data, i) ?? null)),
      size: 18,
    },
  };
}

/** The 疑似问题 of 数据核查 still open, by village and household. */
function findingsList(data: YearData, findings: readonly Finding[]): ReportTable {
  const open = findings.filter((f) => !f.confirmation);
  return {
    name: '疑似问题清单',
    title: `${data.place.township}${data.year}年度数据核查疑似问题清单`,
    source: '数据核查：尚未改正的「错误」和尚未确认的「提醒」',
    table: {
      columns: [column('序号', 3), column('行政村', 6), column('户编号', 10), column('级别', 3), column('项目', 8), column('问题说明', 30)],
      rows: open.map((f, i) => [i + 1, text(data.villageById.get(Number(f.villageId))?.name), f.hhNo, severityText[f.severity], f.field ? (columnSpec(f.table, f.field)?.label ?? f.field) : '', f.message]),
      size: 21,
    },
  };
}

export function reportTables(data: YearData, views: readonly HouseholdView[], findings: readonly Finding[]): ReportTable[] {
  return [
    byVillage(data, views),
    incomeByVillage(data, views),
    incomeBands(data, views),
    keyGroupsByVillage(data, views),
    risksOfMonitored(data, views),
    problemsByCategory(data),
    annex(data, '重点人群汇总表', 'keygroups'),
    annex(data, '问题台账', 'problems'),
    annex(data, '入户责任分工表', 'assignments'),
    findingsList(data, findings),
  ];
}
