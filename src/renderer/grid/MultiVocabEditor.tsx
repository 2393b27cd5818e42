// The cell editor for a multi-valued vocabulary (健康状况 "长期慢性病,残疾"): type several numbers, 拼音 initials or
// values separated by spaces or commas; the cell stores the values they name, comma-separated. The list shows each
// value's number and what will be stored.
import type { CustomCellEditorProps } from 'ag-grid-react';
import { useTypedAhead } from './typeAhead';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CellValue, Row } from '../../shared/tables';
import { keyedValue } from '../../shared/tsv';
import { vocabOptions, type VocabKey } from '../../shared/vocab';

type Props = CustomCellEditorProps<Row, CellValue> & { vocab: VocabKey };

export function MultiVocabEditor({ vocab, value, eventKey, onValueChange, stopEditing }: Props) {
  const options = useMemo(() => vocabOptions(vocab), [vocab]);
  const typing = useTypedAhead(eventKey, stopEditing);
  const [typed, setTyped] = useState(typing.first ?? String(value ?? ''));
  const input = useRef<HTMLInputElement>(null);
  const stored = useMemo(() => keyedValue(vocab, true, typed), [vocab, typed]);
  const chosen = new Set(stored.split(','));

  useEffect(() => {
    onValueChange(stored || null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored]);

  useEffect(() => {
    input.current?.focus();
    if (!typing.startsWithKey) input.current?.select();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);


  return (
    <div className="vocab-editor">
      <input
        ref={input}
        // Keys typed while the editor was still taking the focus come in after the first ones.
        onFocus={() => typing.onFocus((keys) => setTyped((t) => t + keys))}
        value={typed}
        placeholder="输入编号或拼音首字母，多个用空格分隔"
        aria-label="输入编号或拼音首字母，多个用空格分隔"
        onChange={(e) => setTyped(e.target.value)}
      />
      <div className="will-store" aria-live="polite">
        将保存：{stored || '（空）'}
      </div>
      <ul role="listbox" aria-multiselectable="true">
        {options.map((o) => (
          <li
            key={o.value}
            role="option"
            aria-selected={chosen.has(o.value)}
            className={chosen.has(o.value) ? 'active' : ''}
            onMouseDown={(e) => {
              e.preventDefault();
              const next = chosen.has(o.value) ? [...chosen].filter((v) => v && v !== o.value) : [...chosen, o.value].filter(Boolean);
              setTyped(next.join(','));
            }}
          >
            <span className="code">{o.code}</span>
            {o.value}
          </li>
        ))}
      </ul>
    </div>
  );
}
