// 导入: choose a national-system export, see what the import would do (column mapping, unknown and missing
// columns, new / changed / refused rows) before anything is written, then import with a progress bar.
import { useEffect, useState } from 'react';
import type { TaskProgress } from '../../shared/api';
import { importSummary, roundSummary, type ImportReport } from '../../shared/imports';
import { api } from '../api';
import { pickImportFile, saveFromBackend, type PickedFile } from '../files';
import { useWorkspace } from '../workspace';

type Stage = { kind: 'choose' } | { kind: 'reading' } | { kind: 'preview'; report: ImportReport } | { kind: 'importing' } | { kind: 'done'; report: ImportReport };

function Counts({ report }: { report: ImportReport }) {
  return <p data-testid="import-counts">{importSummary(report)}</p>;
}

function SaveReport() {
  const { notify } = useWorkspace();
  return (
    <button
      type="button"
      onClick={() =>
        void saveFromBackend((path) => api.saveImportReport({ path }), '导入报告.xlsx').catch((error: Error) => notify({ kind: 'error', text: error.message }))
      }
    >
      保存导入报告…
    </button>
  );
}

/** Rows not imported listed in the dialog (the saved report lists every row). */
const SHOWN_LINES = 200;

function Problems({ report }: { report: ImportReport }) {
  // The report lists the first rows not imported; the saved report lists every row.
  const refused = report.lines.slice(0, SHOWN_LINES);
  const notImported = report.counts.refused + report.counts.skipped;
  return (
    <>
      {report.unknownColumns.length ? <p className="warning">未识别、不导入的列：{report.unknownColumns.join('，')}</p> : null}
      {report.missingColumns.length ? <p className="warning">文件中没有的必填项（导入后数据核查会提示补录）：{report.missingColumns.join('、')}</p> : null}
      {refused.length ? (
        <div className="import-lines">
          <strong>不导入的行（{notImported}）</strong>
          <table className="journal">
            <tbody>
              {refused.map((l) => (
                <tr key={l.rowNo}>
                  <td>第 {l.rowNo} 行</td>
                  <td>{l.status}</td>
                  <td>{[l.hhNo, l.name].filter(Boolean).join(' ')}</td>
                  <td>{l.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {notImported > refused.length ? <p>只列出前 {refused.length} 行；「保存导入报告」逐行列出全部。</p> : null}
        </div>
      ) : null}
      {report.disagreements.length ? <p className="warning">同一户各行的户信息不一致 {report.disagreements.length} 处，按户主所在行导入。</p> : null}
      {report.verifications.length ? <p className="warning">与本程序计算的户主、家庭人口数或人均纯收入不一致 {report.verifications.length} 处。</p> : null}
      {report.absent.length ? <p className="warning">库中有、本文件中没有的记录 {report.absent.length} 条（不会删除）。</p> : null}
    </>
  );
}

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { notify, refreshInfo, reload } = useWorkspace();
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [file, setFile] = useState<PickedFile | null>(null);
  const [year, setYear] = useState('');
  const [progress, setProgress] = useState<TaskProgress | null>(null);

  const preview = async (picked: PickedFile, withYear?: number) => {
    setStage({ kind: 'reading' });
    setProgress(null);
    try {
      const report = await api.importFile({ path: picked.path, displayName: picked.name, year: withYear, dryRun: true });
      setYear(String(report.year));
      setStage({ kind: 'preview', report });
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
      setStage({ kind: 'choose' });
    }
  };

  const choose = async () => {
    try {
      const picked = await pickImportFile();
      if (!picked) return;
      setFile(picked);
      await preview(picked);
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    }
  };

  // While reading (a county's file takes seconds) and importing, ask the back end how far it is.
  useEffect(() => {
    if (stage.kind !== 'reading' && stage.kind !== 'importing') return;
    const timer = setInterval(() => void api.taskProgress().then((p) => p && setProgress(p)), 300);
    return () => clearInterval(timer);
  }, [stage.kind]);

  const run = async () => {
    if (!file) return;
    setStage({ kind: 'importing' });
    setProgress({ task: '导入', phase: '开始', fraction: 0 });
    try {
      const report = await api.importFile({ path: file.path, displayName: file.name, year: Number(year) || undefined });
      setStage({ kind: 'done', report });
      reload();
      await refreshInfo();
    } catch (error) {
      notify({ kind: 'error', text: `导入未完成，数据没有改动。${(error as Error).message}` });
      setStage({ kind: 'choose' });
    }
  };

  return (
    <div className="modal-backdrop">
      <div className="modal import-dialog" role="dialog" aria-modal="true" aria-label="导入">
        <h2>导入国家系统导出的表格</h2>
        {stage.kind === 'choose' ? (
          <>
            <p>选择从全国防止返贫监测和衔接推进乡村振兴信息系统导出的 .xlsx（家庭成员信息或户收入信息）。导入前会先显示将要做的改动；导入作为一次操作记录，可以整体撤销。</p>
            <div className="modal-buttons">
              <button type="button" onClick={onClose}>
                取消
              </button>
              <button type="button" className="danger" onClick={() => void choose()}>
                选择文件…
              </button>
            </div>
          </>
        ) : null}
        {stage.kind === 'reading' ? (
          <>
            <p>正在读取「{file?.name}」…</p>
            <progress max={1} value={progress?.fraction ?? 0} aria-label="读取进度" />
          </>
        ) : null}
        {stage.kind === 'preview' ? (
          <>
            <p>
              「{stage.report.file}」工作表「{stage.report.sheet}」，表头在第 {stage.report.headerRow} 行，
              {stage.report.kind === 'persons' ? '每行一名家庭成员' : stage.report.kind === 'households' ? '每行一户' : `每行一条「${stage.report.table}」记录`}。
            </p>
            <label className="inline">
              收入年度：
              <input aria-label="收入年度" value={year} onChange={(e) => setYear(e.target.value)} onBlur={() => Number(year) !== stage.report.year && file && void preview(file, Number(year))} />
              <small>（取自{stage.report.yearSource}）</small>
            </label>
            {roundSummary(stage.report) ? <p data-testid="import-round">{roundSummary(stage.report)}</p> : null}
            <Counts report={stage.report} />
            <details>
              <summary>列的对应（{stage.report.columns.filter((c) => c.target).length} 列导入）</summary>
              <table className="journal">
                <tbody>
                  {stage.report.columns.map((c) => (
                    <tr key={c.column} className={c.target ? '' : 'undone'}>
                      <td>{c.column}</td>
                      <td>{c.header}</td>
                      <td>{c.target ?? '未识别，不导入'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
            <Problems report={stage.report} />
            <div className="modal-buttons">
              <SaveReport />
              <button type="button" onClick={onClose}>
                取消
              </button>
              <button type="button" className="danger" onClick={() => void run()}>
                导入
              </button>
            </div>
          </>
        ) : null}
        {stage.kind === 'importing' ? (
          <>
            <p>
              正在导入「{file?.name}」：{progress?.phase ?? ''}
            </p>
            <progress max={1} value={progress?.fraction ?? 0} aria-label="导入进度" />
          </>
        ) : null}
        {stage.kind === 'done' ? (
          <>
            <p role="status">已导入「{stage.report.file}」。如需撤回，可点「撤销」整体撤销本次导入。</p>
            <Counts report={stage.report} />
            <Problems report={stage.report} />
            <div className="modal-buttons">
              <SaveReport />
              <button type="button" className="danger" onClick={onClose}>
                完成
              </button>
            </div>
          </>
        ) : null}
      </div>
    </div>
  );
}
