// 报告: the 总结报告 as Word. It lists the figures and tables the report will use, each with where it comes from, and
// the template in use (the built-in one, or the clerk's own .docx edited in Word/WPS, with the placeholders it holds
// that the report does not know). 生成Word writes the report: under Electron to a place chosen in the save dialog,
// then opened in the system's program for .docx; in a browser as a download.
import { useEffect, useState } from 'react';
import { reportSections, type ReportPreview } from '../../shared/api';
import { api } from '../api';
import { pickFile, saveFromBackend, type PickedFile } from '../files';
import { useWorkspace } from '../workspace';

/** The placeholders of a list as the clerk types them in Word. */
const braces = (names: readonly string[]) => names.map((n) => `{{${n}}}`).join('、');

function TemplatePanel({ preview, template, onChoose, onDefault, busy }: { preview: ReportPreview | null; template: PickedFile | null; onChoose: () => void; onDefault: () => void; busy: boolean }) {
  const { notify } = useWorkspace();
  const saveDefault = async () => {
    try {
      const saved = await saveFromBackend((path) => api.writeReportTemplate({ path }), '总结报告模板.docx');
      if (saved) notify({ kind: 'info', text: `已保存默认模板「${saved.name}」。在 Word/WPS 中修改后，点「选择模板…」使用它。` });
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    }
  };
  const info = preview?.template;
  return (
    <section aria-label="模板">
      <div className="toolbar">
        <span>
          模板：<strong data-testid="report-template">{template ? template.name : '默认模板（公文格式）'}</strong>
        </span>
        <button type="button" onClick={onChoose} disabled={busy}>
          选择模板…
        </button>
        {template ? (
          <button type="button" onClick={onDefault} disabled={busy}>
            改用默认模板
          </button>
        ) : null}
        <button type="button" onClick={() => void saveDefault()} disabled={busy}>
          保存默认模板…
        </button>
      </div>
      {info?.unknown.length ? (
        <p className="warning" data-testid="report-unknown">
          模板中有 {info.unknown.length} 个本程序不认识的占位符，生成时保持原样：{braces(info.unknown)}。请对照下表中的名称修改模板。
        </p>
      ) : null}
    </section>
  );
}

export function ReportPage() {
  const { notify, revision } = useWorkspace();
  const [template, setTemplate] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<ReportPreview | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setPreview(null);
    api.reportPreview({ template: template?.path }).then(
      (p) => live && setPreview(p),
      (error: Error) => {
        if (!live) return;
        notify({ kind: 'error', text: error.message });
        // A template that cannot be used is dropped: the default one stays usable.
        if (template) setTemplate(null);
      },
    );
    return () => {
      live = false;
    };
  }, [template, revision, notify]);

  const choose = async () => {
    try {
      const picked = await pickFile(['docx']);
      if (picked) setTemplate(picked);
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    }
  };

  const generate = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const result = await saveFromBackend((path) => api.writeReport({ path, template: template?.path, year: preview.year }), `${preview.year}年度总结报告.docx`);
      if (!result) return;
      const opened = window.paichaDesktop ? await window.paichaDesktop.openFile(result.path) : true;
      const unknown = result.template.unknown.length ? `模板中 ${result.template.unknown.length} 个不认识的占位符保持原样：${braces(result.template.unknown)}。` : '';
      const problems = result.problems.join('');
      notify({ kind: unknown || problems ? 'error' : 'info', text: `已生成「${result.name}」，填入 ${result.filled} 项。${opened ? '' : '请在 Word/WPS 中打开它。'}${unknown}${problems}` });
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page report">
      <h2>总结报告{preview ? `（${preview.year}年度）` : ''}</h2>
      <p className="count">防止返贫动态监测帮扶工作情况报告暨第二轮集中排查工作总结报告：数字和表格由数据计算后填入模板，叙述部分（黄色【请填写】段落）在 Word/WPS 中补写。</p>
      <div className="toolbar">
        <button type="button" className="danger" onClick={() => void generate()} disabled={busy || !preview}>
          {busy ? '正在生成…' : '生成Word'}
        </button>
        {busy ? <progress aria-label="正在生成报告" /> : null}
      </div>
      <TemplatePanel preview={preview} template={template} onChoose={() => void choose()} onDefault={() => setTemplate(null)} busy={busy} />
      {!preview ? <p className="count">正在计算报告中的数字…</p> : null}
      {preview ? (
        <>
          <h2>报告中的数字</h2>
          <table className="journal" data-testid="report-figures">
            <thead>
              <tr>
                <th>部分</th>
                <th>占位符</th>
                <th>数值</th>
                <th>来源</th>
              </tr>
            </thead>
            <tbody>
              {reportSections.flatMap((section) =>
                preview.figures
                  .filter((f) => f.section === section)
                  .map((f) => (
                    <tr key={f.name}>
                      <td>{section}</td>
                      <td>{`{{${f.name}}}`}</td>
                      <td>{f.value}</td>
                      <td>{f.source}</td>
                    </tr>
                  )),
              )}
            </tbody>
          </table>
          <h2>报告中的表格</h2>
          <table className="journal" data-testid="report-tables">
            <thead>
              <tr>
                <th>占位符（单独成段）</th>
                <th>标题</th>
                <th>行数</th>
                <th>来源</th>
              </tr>
            </thead>
            <tbody>
              {preview.tables.map((t) => (
                <tr key={t.name}>
                  <td>{`{{${t.name}}}`}</td>
                  <td>{t.title}</td>
                  <td>{t.rows}</td>
                  <td>{t.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
