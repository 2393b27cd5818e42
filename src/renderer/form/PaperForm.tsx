// A form that follows a paper form top to bottom, for keying one record at a time by keyboard only: Enter saves the
// line and goes down to the next, Tab to the 说明 beside it, Shift goes back; what is typed is kept while the save
// is on its way, so keying at full speed loses nothing. Values are checked by the dictionary (cells.ts) before they are
// saved; a refused value stays in its line with the reason beside it.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { normalizeCell } from '../../shared/cells';
import type { CellValue, ColumnSpec } from '../../shared/tables';
import { keyedValue } from '../../shared/tsv';
import { vocabularies } from '../../shared/vocab';
import './paperForm.css';

/** The rows a reference line may point at (a person of 工作人员): shown and typed by name, or by number. */
export interface LineChoices {
  names: ReadonlyMap<number, string>;
  /** In the order offered: 1 is the first. */
  options: readonly number[];
}

/** One line of the form: an editable dictionary column, or a computed value shown read-only. */
export type FormLine =
  | { kind: 'field'; column: ColumnSpec; value: CellValue; number?: string; indent?: boolean; note?: { column: ColumnSpec; value: CellValue }; choices?: LineChoices }
  | { kind: 'computed'; label: string; value: string; number?: string; indent?: boolean; strong?: boolean; hint?: string };

export interface FormSection {
  title: string;
  lines: FormLine[];
}

export interface PaperFormProps {
  /** Changes when another record is shown: every line starts again from its stored value. */
  recordKey: string;
  sections: FormSection[];
  /**
   * Saves one value; the form goes on at once and keeps the typed text until the stored value comes back, or
   * until the promise says the save was refused (then the stored value shows again).
   */
  onCommit: (field: string, value: CellValue) => Promise<boolean>;
  /** While typing: the line's value as it would be saved (for totals that follow the keying), or null. */
  onDraft?: (field: string, value: CellValue | undefined) => void;
  /** Keys the page handles (PageDown / PageUp to another record). */
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
  header?: ReactNode;
  testId: string;
}

const shown = (value: CellValue): string => (value == null ? '' : String(value));

/**
 * The value a typed text stands for: a vocabulary column takes the number, the 拼音 initials or the text of one of
 * its values (and refuses anything else, as the grid's editor does); every column is then checked by the dictionary.
 */
function parse(column: ColumnSpec, typed: string, choices?: LineChoices): { ok: true; value: CellValue } | { ok: false; message: string } {
  if (choices) return pick(column, typed, choices);
  if (column.type === 'enum' && column.vocab && typed.trim()) {
    const vocab = vocabularies[column.vocab];
    const multi = column.multi ?? vocab.multi ?? false;
    const value = keyedValue(column.vocab, multi, typed);
    const unknown = (multi ? value.split(',') : [value]).filter((v) => !vocab.values.includes(v));
    if (unknown.length) return { ok: false, message: `「${unknown.join('、')}」不是${column.label}的可选值（${vocab.values.map((v, i) => `${i + 1} ${v}`).join('，')}）` };
    return normalizeCell(column, value);
  }
  return normalizeCell(column, typed);
}

/** A reference typed as a name (of the offered rows first) or as its number in the list; empty clears it. */
function pick(column: ColumnSpec, typed: string, { names, options }: LineChoices): { ok: true; value: CellValue } | { ok: false; message: string } {
  const wanted = typed.trim();
  if (!wanted) return { ok: true, value: null };
  const byNumber = /^\d+$/.test(wanted) ? options[Number(wanted) - 1] : undefined;
  const found = byNumber ?? [...options, ...names.keys()].find((id) => names.get(id) === wanted);
  if (found !== undefined) return { ok: true, value: found };
  const offered = options.slice(0, 9).map((id, i) => `${i + 1} ${names.get(id)}`).join('，');
  return { ok: false, message: `「${wanted}」不是工作人员中的人员${offered ? `（可输入姓名或编号：${offered}）` : '，请先在工作人员页添加'}` };
}

/** What a line shows for a stored value: a reference by its name. */
const shownFor = (value: CellValue, choices?: LineChoices): string => (choices && typeof value === 'number' ? (choices.names.get(value) ?? '（已删除）') : shown(value));

/**
 * Moves the keyboard as in a spreadsheet: Enter goes down the same column (amount to the next amount, 说明 to the
 * next 说明), Tab to the next box in reading order (an amount to its 说明); with Shift, back.
 */
function moveFrom(input: HTMLInputElement, step: 1 | -1, sameColumn: boolean) {
  const form = input.closest('.paper-form');
  const all = [...(form?.querySelectorAll<HTMLInputElement>('input[data-field]') ?? [])];
  const inputs = sameColumn ? all.filter((i) => i.dataset.column === input.dataset.column) : all;
  const next = inputs[inputs.indexOf(input) + step];
  if (next) {
    next.focus();
    next.select();
  }
}

/** What a short vocabulary line takes, shown in the empty box: 1 是 / 2 否. */
function choicesHint(column: ColumnSpec): string | undefined {
  const values = column.type === 'enum' && column.vocab ? vocabularies[column.vocab].values : [];
  return values.length && values.length <= 6 ? values.map((v, i) => `${i + 1} ${v}`).join(' / ') : undefined;
}

function FieldInput({ column, value, onCommit, onDraft, label, place, choices }: { column: ColumnSpec; value: CellValue; label: string; place: 'amount' | 'note'; choices?: LineChoices } & Pick<PaperFormProps, 'onCommit' | 'onDraft'>) {
  /** What the clerk typed and has not seen stored yet; null shows the stored value. */
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const committed = useRef<string | null>(null);

  // The stored value changed after a commit — saved, or changed since (an undo): show it from now on.
  useEffect(() => {
    if (committed.current === null) return;
    committed.current = null;
    setDraft(null);
  }, [value]);

  const commit = (): boolean => {
    if (draft === null || draft === shownFor(value, choices)) return true;
    const result = parse(column, draft, choices);
    if (!result.ok) {
      setError(result.message);
      return false;
    }
    setError(null);
    const text = shownFor(result.value, choices);
    committed.current = text;
    setDraft(text);
    void onCommit(column.key, result.value).then((saved) => {
      if (saved || committed.current !== text) return;
      committed.current = null;
      setDraft(null);
    });
    return true;
  };

  return (
    <>
      <input
        data-field={column.key}
        data-column={place}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        className={column.type === 'money' || column.type === 'decimal' || column.type === 'int' ? 'number' : undefined}
        inputMode={column.type === 'money' || column.type === 'decimal' ? 'decimal' : undefined}
        value={draft ?? shownFor(value, choices)}
        list={choices ? `${column.key}-choices` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          if (onDraft) {
            const parsed = parse(column, e.target.value, choices);
            onDraft(column.key, parsed.ok ? parsed.value : undefined);
          }
        }}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          if (e.key === 'Enter' || e.key === 'Tab') {
            e.preventDefault();
            if (commit()) moveFrom(e.currentTarget, e.shiftKey ? -1 : 1, e.key === 'Enter');
          } else if (e.key === 'Escape') {
            setDraft(null);
            setError(null);
            onDraft?.(column.key, undefined);
          }
        }}
        onBlur={() => void commit()}
        title={column.help}
        placeholder={choices ? choices.options.slice(0, 3).map((id, i) => `${i + 1} ${choices.names.get(id)}`).join(' / ') : choicesHint(column)}
      />
      {choices ? (
        <datalist id={`${column.key}-choices`}>
          {choices.options.map((id) => (
            <option key={id} value={choices.names.get(id)} />
          ))}
        </datalist>
      ) : null}
      {error ? (
        <span className="form-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}

export function PaperForm({ recordKey, sections, onCommit, onDraft, onKeyDown, header, testId }: PaperFormProps) {
  return (
    <div className="paper-form" data-testid={testId} onKeyDown={onKeyDown}>
      {header}
      {sections.map((section) => (
        <fieldset key={section.title}>
          <legend>{section.title}</legend>
          <table>
            <tbody>
              {section.lines.map((line) => {
                const key = line.kind === 'field' ? line.column.key : line.label;
                const label = line.kind === 'field' ? line.column.label : line.label;
                return (
                  <tr key={key} className={[line.indent ? 'indent' : '', line.kind === 'computed' && line.strong ? 'strong' : ''].join(' ').trim() || undefined}>
                    <th scope="row">
                      {line.number ? <span className="line-number">{line.number}</span> : null}
                      {label}
                    </th>
                    <td className="amount">
                      {line.kind === 'field' ? (
                        <FieldInput key={`${recordKey}:${key}`} place="amount" column={line.column} value={line.value} label={label} onCommit={onCommit} onDraft={onDraft} choices={line.choices} />
                      ) : (
                        <output aria-label={label}>{line.value}</output>
                      )}
                    </td>
                    <td className="note">
                      {line.kind === 'field' && line.note ? (
                        <FieldInput key={`${recordKey}:${line.note.column.key}`} place="note" column={line.note.column} value={line.note.value} label={line.note.column.label} onCommit={onCommit} />
                      ) : line.kind === 'computed' && line.hint ? (
                        <span className="hint">{line.hint}</span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </fieldset>
      ))}
    </div>
  );
}
