// What a typed value fills in elsewhere in the same record, in the same change set: an ID number gives 性别 and
// 出生日期 (and 证件类型 for a 残疾人证号) where they are still empty. Disagreements are left to the checks.
import { parseIdNumber } from './idcard';
import type { CellValue, Row, TableName } from './tables';

export function autofill(table: TableName, row: Readonly<Row>, field: string, value: CellValue): Record<string, CellValue> {
  if (table !== 'members' || field !== 'idNumber' || typeof value !== 'string') return {};
  const info = parseIdNumber(value);
  if (info.problems.length) return {};
  const patch: Record<string, CellValue> = {};
  if (!row.sex && info.sex) patch.sex = info.sex;
  if (!row.birthDate && info.birthDate) patch.birthDate = info.birthDate;
  if (info.disability && row.idType !== '残疾人证') patch.idType = '残疾人证';
  return patch;
}
