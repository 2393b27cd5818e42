// 进度: how far the second round has got in each village and 片区 — households assigned, visited, keyed,
// double-signed, with open 错误, overdue (orange) — with the township total, a bar chart, and the current phase of
// the campaign and its days left (the calendar is in 设置 › 政策年度参数).
import { Fragment, useEffect, useState } from 'react';
import { phaseText, progressLabels as columns, type ProgressCounts, type ProgressReport } from '../../shared/progress';
import { api } from '../api';
import { saveFromBackend } from '../files';
import { useWorkspace } from '../workspace';
import './round.css';

/** The bars of the chart: each a share of the village's households. */
const bars: [keyof ProgressCounts, string][] = [
  ['visited', '已入户'],
  ['keyed', '已录入'],
  ['signed', '已双签字'],
];

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0);

function Cells({ counts }: { counts: ProgressCounts }) {
  return (
    <>
      {columns.map(([key]) => (
        <td key={key} className={key === 'overdue' && counts.overdue ? 'overdue' : key === 'errors' && counts.errors ? 'has-errors' : undefined}>
          {counts[key]}
        </td>
      ))}
    </>
  );
}

export function ProgressPage() {
  const { revision, notify } = useWorkspace();
  const [report, setReport] = useState<ProgressReport | null>(null);

  useEffect(() => {
    let live = true;
    api.progress().then(
      (r) => live && setReport(r),
      (e: Error) => live && notify({ kind: 'error', text: e.message }),
    );
    return () => {
      live = false;
    };
  }, [revision, notify]);

  const exportSheet = async () => {
    try {
      const saved = await saveFromBackend((path) => api.exportProgress({ path }), '排查进度.xlsx');
      if (saved) notify({ kind: 'info', text: `进度表已导出：${saved.name}` });
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    }
  };

  if (!report) return <section className="page">正在计算进度…</section>;
  return (
    <section className="page progress-page">
      <h2>{report.year}年度第二轮排查进度</h2>
      <p className="phase" data-testid="phase">
        {report.today}：{phaseText(report)}
        <span className="count">　各阶段日期可在「设置」›「政策年度参数」中修改</span>
      </p>
      <div className="toolbar">
        <button type="button" onClick={() => void exportSheet()}>
          导出进度表…
        </button>
      </div>
      <ol className="phases">
        {report.phases.map((p) => (
          <li key={p.name} className={p.name === report.phase ? 'current' : undefined}>
            {p.name}：{p.start} 至 {p.end}
          </li>
        ))}
      </ol>
      <table className="progress-table" data-testid="progress-table">
        <thead>
          <tr>
            <th>行政村 / 片区</th>
            {columns.map(([key, label]) => (
              <th key={key}>{label}</th>
            ))}
            <th>计划完成时间</th>
          </tr>
        </thead>
        <tbody>
          {report.villages.map((v) => (
            <Fragment key={v.villageId}>
              <tr className="village">
                <th scope="row">{v.village}</th>
                <Cells counts={v} />
                <td />
              </tr>
              {v.groups.map((g) => (
                <tr key={`${v.villageId}:${g.groupId ?? 'none'}`} className="group">
                  <th scope="row">{g.group}</th>
                  <Cells counts={g} />
                  <td className={g.overdue ? 'overdue' : undefined}>{g.dueDate}</td>
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">全乡合计</th>
            <Cells counts={report.total} />
            <td />
          </tr>
        </tfoot>
      </table>
      <figure className="progress-chart" aria-label="各村进度图">
        <figcaption>
          各村进度（占户数的百分比）：
          {bars.map(([key, label]) => (
            <span key={key} className={`legend bar-${key}`}>
              {label}
            </span>
          ))}
        </figcaption>
        {report.villages.map((v) => (
          <div key={v.villageId} className="chart-row">
            <span className="chart-label">{v.village}</span>
            <div className="chart-bars">
              {bars.map(([key, label]) => (
                <div key={key} className={`bar bar-${key}`} style={{ width: `${percent(v[key], v.households)}%` }} title={`${label} ${v[key]} / ${v.households} 户`}>
                  {percent(v[key], v.households)}%
                </div>
              ))}
            </div>
          </div>
        ))}
      </figure>
    </section>
  );
}
