// The status bar under a grid, as in Excel/WPS: the rows shown of all (following the clerk's filters), the count
// and sum of the chosen number cells, and the findings of 数据核查 on the rows shown.
import type { GridApi } from 'ag-grid-community';
import { useMemo } from 'react';
import type { Row } from '../../shared/tables';
import type { FindingIndex } from './findings';
import type { Block } from './range';
import { isNumberColumn } from './sheet';

interface Props<R extends Row> {
  api: GridApi<R> | null;
  total: number | null;
  block: Block | null;
  findings: FindingIndex | undefined;
  /** Changes whenever the rows shown change. */
  tick: number;
  /** Changes whenever rows got new values where they stand (a write): the rows shown, and their findings, stay. */
  dataTick: number;
  testId: string;
}

const amount = (n: number) => Number(n.toFixed(2)).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

export function GridStatus<R extends Row>({ api, total, block, findings, tick, dataTick, testId }: Props<R>) {
  const shown = useMemo(() => (api && !api.isDestroyed() ? api.getDisplayedRowCount() : null), [api, tick]);

  // Counted over the rows that have findings, not over every row shown: the status follows every write and every
  // filter, and a county's register has 100,000 rows.
  const inView = useMemo(() => {
    if (!api || api.isDestroyed() || !findings) return null;
    let count = 0;
    for (const [id, list] of findings.byRow) if (api.getRowNode(String(id))?.displayed) count += list.length;
    return count;
  }, [api, findings, tick]);

  const chosen = useMemo(() => {
    if (!api || api.isDestroyed() || !block) return null;
    const cells = (block.bottom - block.top + 1) * block.columns.length;
    if (cells < 2) return null;
    let count = 0;
    let sum = 0;
    const numbers = block.columns.filter(isNumberColumn);
    for (let i = block.top; numbers.length && i <= block.bottom; i++) {
      const node = api.getDisplayedRowAtIndex(i);
      for (const column of numbers) {
        const value = node ? api.getCellValue({ rowNode: node, colKey: column }) : null;
        if (typeof value === 'number' && Number.isFinite(value)) {
          count++;
          sum += value;
        }
      }
    }
    return { cells, count, sum };
  }, [api, block, tick, dataTick]);

  return (
    <div className="grid-status" data-testid={testId}>
      <span>{total === null ? '正在读取…' : `显示 ${shown ?? total} / 共 ${total} 行`}</span>
      {chosen ? (
        <span>
          已选 {chosen.cells} 个单元格{chosen.count ? `，数值 ${chosen.count} 个，求和 ${amount(chosen.sum)}` : ''}
        </span>
      ) : null}
      {inView !== null ? (
        <span className={inView ? 'has-findings' : ''}>{inView ? `本页显示的行有 ${inView} 个问题${findings!.checking ? '，正在核查…' : ''}` : findings!.checking ? '正在核查…' : '本页显示的行未发现问题'}</span>
      ) : null}
    </div>
  );
}
