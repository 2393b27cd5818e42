// AG Grid column definitions derived from the data dictionary: label, editor, tooltip and width from one spec.
import type { ColDef } from 'ag-grid-community';
import type { ColumnSpec, Row } from '../../shared/tables';
import { vocabularies } from '../../shared/vocab';
import { describe, worst, type FindingIndex } from './findings';
import { MultiVocabEditor } from './MultiVocabEditor';
import { VocabEditor } from './VocabEditor';

/** What every column's callbacks can read: the current findings (the grid context). */
export interface GridContext {
  findings: FindingIndex;
}

const cellFindings = (params: { data?: Row; colDef: { field?: string }; context: GridContext }) =>
  params.data && params.colDef.field ? params.context.findings.byCell.get(`${params.data.id}:${params.colDef.field}`) : undefined;

/** How a ref column shows the row it points at, and which rows it may point at. */
export interface RefChoices {
  names: Map<number, string>;
  /** Ids offered in the editor for a given row (e.g. only the groups of the household's village). */
  options: (row: Row) => number[];
  /** The rows pointed at are still being read: a reference shows empty meanwhile, not as deleted. */
  pending?: boolean;
}

/** The record a row belongs to (户 of an income record, 家庭成员 of a 务工 record): shown whole, kept in view. */
const isOwner = (column: ColumnSpec) => column.type === 'ref' && !!column.notNull && (column.ref === 'households' || column.ref === 'members');

function width(column: ColumnSpec): number {
  if (column.type === 'idNumber') return 190;
  if (isOwner(column)) return 230;
  // Identifiers such as 户编号 are read whole.
  if (column.unique) return 170;
  if (column.type === 'phone') return 130;
  return Math.max(100, Math.min(300, column.label.length * 15 + 56));
}

/** Chinese text sorted as a clerk expects it, by 拼音 (马 before 王 before 张); empty cells last. */
const pinyin = new Intl.Collator('zh-CN-u-co-pinyin', { numeric: true });
function inPinyinOrder(a: unknown, b: unknown): number {
  const [x, y] = [a == null ? '' : String(a), b == null ? '' : String(b)];
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return pinyin.compare(x, y);
}

export function columnDef(column: ColumnSpec, refs: Partial<Record<string, RefChoices>> = {}): ColDef<Row> {
  const def: ColDef<Row> = {
    comparator: column.type === 'int' || column.type === 'money' || column.type === 'decimal' ? undefined : inPinyinOrder,
    colId: column.key,
    field: column.key,
    headerName: column.required ? `${column.label} *` : column.label,
    headerTooltip: [column.label, column.help, column.required ? '必填' : undefined].filter(Boolean).join('：'),
    width: width(column),
    editable: true,
    cellDataType: false,
    // A cell the checks point at is coloured, and its tooltip says why.
    cellClassRules: {
      'cell-error': (p) => worst(cellFindings(p)) === 'error',
      'cell-warning': (p) => worst(cellFindings(p)) === 'warning',
    },
    tooltipValueGetter: (p) => {
      const list = cellFindings(p as never);
      return list ? describe(list) : undefined;
    },
  };
  if (column.type === 'int' || column.type === 'money') {
    def.cellEditor = 'agNumberCellEditor';
    def.cellEditorParams = { precision: column.type === 'money' ? 2 : 0 };
    def.type = 'rightAligned';
  } else if (column.type === 'enum' && column.vocab && !(column.multi ?? vocabularies[column.vocab].multi)) {
    def.cellEditor = VocabEditor;
    def.cellEditorPopup = true;
    def.cellEditorParams = { vocab: column.vocab };
    // Enter in the editor while the typed text matches no value stays in the editor (the grid would end the edit).
    def.suppressKeyboardEvent = (p) => p.editing && p.event.key === 'Enter' && !!(p.event.target as Element | null)?.closest?.('.vocab-editor[data-unmatched="true"]');
    def.headerTooltip = `${def.headerTooltip}（可输入编号或拼音首字母）`;
  } else if (column.type === 'ref') {
    const choices = refs[column.key];
    if (isOwner(column)) def.pinned = 'left';
    def.cellEditor = 'agSelectCellEditor';
    def.cellEditorParams = (params: { data: Row }) => ({ values: choices ? choices.options(params.data) : [] });
    def.valueFormatter = (params) => (params.value == null ? '' : (choices?.names.get(Number(params.value)) ?? (choices?.pending ? '' : '（已删除）')));
    def.filterValueGetter = (params) => choices?.names.get(Number(params.data?.[column.key])) ?? '';
    def.comparator = (a, b) => inPinyinOrder(choices?.names.get(Number(a)), choices?.names.get(Number(b)));
  } else if (column.type === 'enum' && column.vocab) {
    def.cellEditor = MultiVocabEditor;
    def.cellEditorPopup = true;
    def.cellEditorParams = { vocab: column.vocab };
    def.headerTooltip = `${def.headerTooltip}（可多选，输入编号或拼音首字母，用空格或逗号分隔：${vocabularies[column.vocab].values.join('、')}）`;
  }
  return def;
}

/** The 核查 column: how many problems a row has, coloured by the worst, listed in its tooltip. */
export function checkColumn<R extends Row>(): ColDef<R> {
  const list = (p: { data?: R; context: GridContext }) => (p.data ? p.context.findings.byRow.get(p.data.id) : undefined);
  return {
    colId: 'check',
    headerName: '核查',
    headerTooltip: '数据核查发现的问题数；指向单元格查看说明',
    width: 76,
    pinned: 'left',
    editable: false,
    sortable: true,
    filter: false,
    valueGetter: (p) => list(p as never)?.length ?? 0,
    valueFormatter: (p) => (p.value ? `${worst(list(p as never)) === 'error' ? '✕' : '！'} ${p.value}` : p.context.findings.checking ? '…' : '✓'),
    cellClassRules: {
      'check-error': (p) => worst(list(p as never)) === 'error',
      'check-warning': (p) => worst(list(p as never)) === 'warning',
      'check-ok': (p) => !list(p as never)?.length && !p.context.findings.checking,
    },
    tooltipValueGetter: (p) => {
      const found = list(p as never);
      return found ? describe(found) : p.context.findings.checking ? '正在核查…' : '未发现问题';
    },
  };
}
