// The app shell: title bar with undo/redo, left navigation, the current page, and the message line.
import { useEffect, useState } from 'react';
import { pages, parseHash, type Location } from './navigation';
import { AssignmentsPage } from './pages/AssignmentsPage';
import { ChecksPage } from './pages/ChecksPage';
import { KeyGroupsPage } from './pages/KeyGroupsPage';
import { MonitoringPage } from './pages/MonitoringPage';
import { PeoplePage } from './pages/PeoplePage';
import { ProblemsPage } from './pages/ProblemsPage';
import { IncomePage } from './pages/income/IncomePage';
import { ProgressPage } from './pages/ProgressPage';
import { RegisterPage } from './pages/RegisterPage';
import { ReportPage } from './pages/ReportPage';
import { SettingsPage } from './pages/SettingsPage';
import { TablePage } from './pages/TablePage';
import { VisitsPage } from './pages/VisitsPage';
import { useWorkspace } from './workspace';

export function App() {
  const { info, history, undo, redo, notice, notify } = useWorkspace();
  const [location, setLocation] = useState<Location>(parseHash(window.location.hash));
  const { page } = location;

  useEffect(() => {
    const onHash = () => setLocation(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const goTo = (key: string) => {
    window.location.hash = `#/${key}`;
  };

  return (
    <div className="app">
      <header className="titlebar">
        <h1>防返贫排查台账</h1>
        <div className="history">
          <button type="button" onClick={() => void undo()} disabled={!history.undoLabel} title={history.undoLabel ? `撤销：${history.undoLabel}（Ctrl+Z）` : '没有可撤销的操作'}>
            撤销
          </button>
          <button type="button" onClick={() => void redo()} disabled={!history.redoLabel} title={history.redoLabel ? `重做：${history.redoLabel}（Ctrl+Y）` : '没有可重做的操作'}>
            重做
          </button>
        </div>
        <div className="operator">
          操作员：
          {info?.operator ? (
            info.operator
          ) : (
            <button type="button" className="link" onClick={() => goTo('settings')}>
              未设置（点此设置）
            </button>
          )}
        </div>
      </header>
      <nav className="sidebar" aria-label="导航">
        {pages.map((n) => (
          <a key={n.key} href={`#/${n.key}`} className={n === page ? 'active' : ''} aria-current={n === page ? 'page' : undefined}>
            {n.label}
          </a>
        ))}
      </nav>
      <main className="content">
        {page.generic ? <TablePage key={page.key} table={page.generic.table} layoutId={page.generic.layout} params={location.params} /> : null}
        {page.key === 'register' ? <RegisterPage goTo={goTo} params={location.params} /> : null}
        {page.key === 'income' ? <IncomePage params={location.params} /> : null}
        {page.key === 'assignments' ? <AssignmentsPage params={location.params} /> : null}
        {page.key === 'progress' ? <ProgressPage /> : null}
        {page.key === 'visits' ? <VisitsPage params={location.params} /> : null}
        {page.key === 'keygroups' ? <KeyGroupsPage params={location.params} /> : null}
        {page.key === 'problems' ? <ProblemsPage params={location.params} /> : null}
        {page.key === 'monitoring' ? <MonitoringPage params={location.params} /> : null}
        {page.key === 'people' ? <PeoplePage params={location.params} /> : null}
        {page.key === 'checks' ? <ChecksPage /> : null}
        {page.key === 'settings' ? <SettingsPage /> : null}
        {page.key === 'report' ? <ReportPage /> : null}
      </main>
      {notice ? (
        <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" aria-label="关闭提示" onClick={() => notify(null)}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
