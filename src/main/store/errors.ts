// SQLite's errors in the words a clerk understands. Context names the record being written, when known.
import { PaichaError } from '../../shared/errors';
import { columnSpec, isTableName, tableSpec, type CellValue, type TableName } from '../../shared/tables';

export interface WriteContext {
  op: 'insert' | 'update' | 'delete';
  rowLabel: string;
  /** The values being written, to name the duplicate one. */
  values?: Record<string, unknown>;
}

/** "households.hhNo" → 户的「户编号」「6210…」, or 行政村「东塬村」 where the column names the record itself. */
function describeColumn(qualified: string, context?: WriteContext): string {
  const [table, column] = qualified.trim().split('.');
  if (!table || !column || !isTableName(table)) return qualified;
  const rowLabel = tableSpec(table).rowLabel;
  const spec = columnSpec(table, column);
  const label = spec?.label ?? column;
  const value = context?.values?.[column];
  // A reference holds a row id, which means nothing to the clerk: the record it names is the one being written.
  const shown = value === undefined || value === null || spec?.type === 'ref' ? '' : `「${String(value)}」`;
  return label === rowLabel ? `${rowLabel}${shown}` : `${rowLabel}的「${label}」${shown}`;
}

/** The record's own name where the dictionary gives it one, e.g. 「东塬村」 or a household's 「6210…」. */
function shownName(row: Record<string, CellValue>): string {
  const name = row.name ?? row.hhNo;
  return name === undefined || name === null || name === '' ? '' : `「${String(name)}」`;
}

/**
 * A delete refused because rows still point at the record through a 'restrict' column (see ColumnSpec.onDelete),
 * e.g. 无法删除行政村「东塬村」：还有 12 户属于它。
 */
export function restrictedDeleteError(parent: TableName, row: Record<string, CellValue>, dependant: TableName, count: number): PaichaError {
  const owner = tableSpec(parent).rowLabel;
  const what = tableSpec(dependant).rowLabel;
  // 户 is a measure word of its own (12 户); other records are counted in 条 (3 条问题).
  const counted = what === '户' ? `${count} 户` : `${count} 条${what}`;
  return new PaichaError(
    'constraint',
    `无法删除${owner}${shownName(row)}：还有 ${counted}属于它。请先把这些${what}移到其他${owner}或删除。本次修改未保存。`,
  );
}

export function translateSqliteError(error: unknown, context?: WriteContext): unknown {
  if (error instanceof PaichaError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  const message = error.message;

  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const columns = message
      .replace(/^UNIQUE constraint failed:\s*/, '')
      .split(',')
      .map((c) => describeColumn(c, context))
      .join('和');
    return new PaichaError('constraint', `${columns}与已有记录重复，本次修改未保存。`);
  }
  if (code === 'SQLITE_CONSTRAINT_NOTNULL') {
    const column = describeColumn(message.replace(/^NOT NULL constraint failed:\s*/, ''));
    return new PaichaError('constraint', `${column}不能为空，本次修改未保存。`);
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    const what = context?.rowLabel ?? '记录';
    return new PaichaError(
      'constraint',
      context?.op === 'delete'
        ? `无法删除${what}：还有其他记录属于它（例如村下的户），请先删除或移走这些记录。本次修改未保存。`
        : `${what}所属的记录不存在（可能已被删除），本次修改未保存。`,
    );
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new PaichaError('constraint', `数据不符合约束条件，本次修改未保存。`);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new PaichaError('busy', '数据库正被另一个程序使用（可能是另一个排查台账窗口或命令），请稍后再试。本次修改未保存。');
  }
  if (code === 'SQLITE_NOTADB') {
    return new PaichaError('notDatabase', '该文件不是排查台账的数据库文件（不是 SQLite 格式）。');
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new PaichaError('corrupt', '数据库文件已损坏，请从备份恢复。');
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new PaichaError('constraint', '数据库文件是只读的，无法保存修改。请检查文件权限或是否在只读的 U 盘上。');
  }
  if (code === 'SQLITE_FULL') {
    return new PaichaError('constraint', '磁盘空间已满，修改未能保存。请清理磁盘后重试。');
  }
  return error;
}
