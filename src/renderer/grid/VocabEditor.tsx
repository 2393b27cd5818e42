// The cell editor for a vocabulary column: type the value's number (3), the start of its 拼音 initials (ptl), or
// the value itself; arrows choose among the matches, Enter or a click takes one. The list shows each number.
import { useGridCellEditor, type CustomCellEditorProps } from 'ag-grid-react';
import { useTypedAhead } from './typeAhead';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CellValue, Row } from '../../shared/tables';
import { matchKeyed, vocabOptions, type VocabKey } from '../../shared/vocab';

type Props = CustomCellEditorProps<Row, CellValue> & { vocab: VocabKey };

export function VocabEditor({ vocab, value, eventKey, onValueChange, stopEditing }: Props) {
  const options = useMemo(() => vocabOptions(vocab), [vocab]);
  const typing = useTypedAhead(eventKey, stopEditing);
  const [typed, setTyped] = useState(typing.first ?? '');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  const matches = useMemo(() => {
    if (!typed.trim()) return options.map((o) => o.value);
    return matchKeyed(vocab, typed);
  }, [typed, options, vocab]);

  // The value the grid keeps if editing stops now: the highlighted match, else the value as it was (typed text that
  // matches nothing is refused, see isCancelAfterEnd).
  useEffect(() => {
    const chosen = matches[active] ?? matches[0];
    if (typed.trim()) onValueChange(chosen ?? typed.trim());
    else if (chosen !== undefined && active > 0) onValueChange(chosen);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typed, active, matches]);

  useEffect(() => {
    input.current?.focus();
    if (!typed && value) setActive(Math.max(0, options.findIndex((o) => o.value === value)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const codeOf = (v: string) => options.find((o) => o.value === v)?.code ?? '';
  /** Typed text that matches no value of the vocabulary: refused (the cell keeps its value), never stored as typed. */
  const unmatched = !!typed.trim() && !matches.length;
  useGridCellEditor({ isCancelAfterEnd: () => unmatched });


  return (
    <div className="vocab-editor" data-unmatched={unmatched}>
      <input
        ref={input}
        // Keys typed while the editor was still taking the focus come in after the first ones.
        onFocus={() => typing.onFocus((keys) => setTyped((t) => t + keys))}
        value={typed}
        placeholder={String(value ?? '输入编号或拼音首字母')}
        aria-label="输入编号或拼音首字母"
        onChange={(e) => {
          setTyped(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            e.stopPropagation();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((i) => Math.min(Math.max(i + step, 0), Math.max(matches.length - 1, 0)));
          }
        }}
      />
      <ul role="listbox">
        {matches.length ? (
          matches.map((v, i) => (
            <li
              key={v}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                onValueChange(v);
                setTimeout(() => stopEditing(), 0);
              }}
            >
              <span className="code">{codeOf(v)}</span>
              {v}
            </li>
          ))
        ) : (
          <li className="none">「{typed.trim()}」不是可选的值：请改正，或按 Esc 取消</li>
        )}
      </ul>
    </div>
  );
}
