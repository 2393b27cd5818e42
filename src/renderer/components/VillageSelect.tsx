// 行政村：[全部 ▾] — the village filter of the register and of 数据核查.
import type { Row } from '../../shared/tables';

export function VillageSelect(props: { villages: Row[] | null; value: number | null; onChange: (id: number | null) => void; ariaLabel: string }) {
  return (
    <label>
      行政村：
      <select aria-label={props.ariaLabel} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value ? Number(e.target.value) : null)}>
        <option value="">全部</option>
        {(props.villages ?? []).map((v) => (
          <option key={v.id} value={v.id}>
            {String(v.name)}
          </option>
        ))}
      </select>
    </label>
  );
}
