// 户：[6210251030010001 罗晓东 ▾] — a household chosen by 户编号 and 户主, on every page that works one household at a
// time; `none` names the empty choice where there may be none, `note` adds a word to an entry (e.g. 未录入).
import type { Row } from '../../shared/tables';

interface Household {
  id: number;
  hhNo?: unknown;
  headName?: unknown;
}

export const householdName = (h: Household) => `${String(h.hhNo ?? '（无户编号）')} ${String(h.headName ?? '')}`.trim();

export function HouseholdSelect<H extends Household | Row>(props: {
  households: readonly H[] | null;
  value: number | null;
  onChange: (id: number | null) => void;
  label?: string;
  none?: string;
  note?: (h: H) => string;
}) {
  const { households, value, onChange, label = '户：', none, note } = props;
  return (
    <label>
      {label}
      <select aria-label="选择户" value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        {none !== undefined ? <option value="">{none}</option> : null}
        {(households ?? []).map((h) => (
          <option key={h.id} value={h.id}>
            {householdName(h as Household)}
            {note?.(h) ?? ''}
          </option>
        ))}
      </select>
    </label>
  );
}
