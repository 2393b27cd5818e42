// AG Grid column definitions derived from the data dictionary: label, editor, tooltip and width from one spec.
import type { ColDef } from 'ag-grid-community';
import type { ColumnSpec, Row } from '../../shared/tables';
import { vocabularies } from '../../shared/vocab';

/** How a ref column shows the row it points at, and which rows it may point at. */
export interface RefChoices {
  names: Map<number, string>;
  /** Ids offered in the editor for a given row (e.g. only the groups of the household's village). */
  options: (row: Row) => number[];
}

function width(column: ColumnSpec): number {
  if (column.type === 'idNumber') return 190;
  if (column.type === 'phone') return 130;
  return Math.max(100, Math.min(300, column.label.length * 15 + 56));
}

export function columnDef(column: ColumnSpec, refs: Partial<Record<string, RefChoices>> = {}): ColDef<Row> {
  const def: ColDef<Row> = {
    colId: column.key,
    field: column.key,
    headerName: column.required ? `${column.label} *` : column.label,
    headerTooltip: [column.label, column.help, column.required ? '必填' : undefined].filter(Boolean).join('：'),
    width: width(column),
    editable: true,
    cellDataType: false,
  };
  if (column.type === 'int' || column.type === 'money') {
    def.cellEditor = 'agNumberCellEditor';
    def.cellEditorParams = { precision: column.type === 'money' ? 2 : 0 };
    def.type = 'rightAligned';
  } else if (column.type === 'enum' && column.vocab && !vocabularies[column.vocab].multi) {
    def.cellEditor = 'agSelectCellEditor';
    def.cellEditorParams = { values: ['', ...vocabularies[column.vocab].values] };
  } else if (column.type === 'ref') {
    const choices = refs[column.key];
    def.cellEditor = 'agSelectCellEditor';
    def.cellEditorParams = (params: { data: Row }) => ({ values: choices ? choices.options(params.data) : [] });
    def.valueFormatter = (params) => (params.value == null ? '' : (choices?.names.get(Number(params.value)) ?? '（已删除）'));
    def.filterValueGetter = (params) => choices?.names.get(Number(params.data?.[column.key])) ?? '';
  } else if (column.type === 'enum' && column.vocab) {
    def.headerTooltip = `${def.headerTooltip}（可多选，用逗号分隔：${vocabularies[column.vocab].values.join('、')}）`;
  }
  return def;
}
