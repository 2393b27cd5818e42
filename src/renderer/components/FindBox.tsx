// 查找: a household by 户编号, a person by 证件号码 or name — typed, or scanned (a USB barcode/QR scanner types the
// code and Enter like a keyboard). Ctrl+F puts the keyboard here. The find leads to the household and the person.
import { useEffect, useRef, useState } from 'react';
import { normalizeIdNumber } from '../../shared/idcard';
import type { Row } from '../../shared/tables';
import { api } from '../api';
import { hashFor } from '../navigation';
import { useWorkspace } from '../workspace';

/** The household and, when a person was found, the member a text names; with how many matched. */
async function find(text: string): Promise<{ household: number; member?: number; count: number } | null> {
  const [household] = await api.rows('households', { where: { hhNo: text } });
  if (household) return { household: household.id, count: 1 };
  const byId = await api.rows('members', { where: { idNumber: normalizeIdNumber(text) } });
  const people: Row[] = byId.length ? byId : await api.rows('members', { where: { name: text } });
  const [first] = people;
  return first ? { household: Number(first.householdId), member: first.id, count: people.length } : null;
}

/** `page`: where a find leads (the register by default; the income page opens the household's form). */
export function FindBox({ page = 'register' }: { page?: string }) {
  const { notify } = useWorkspace();
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const go = async () => {
    const wanted = text.trim();
    if (!wanted) return;
    try {
      const found = await find(wanted);
      if (!found) return notify({ kind: 'error', text: `没有找到户编号、证件号码或姓名为「${wanted}」的户或家庭成员。` });
      if (found.count > 1) notify({ kind: 'info', text: `有 ${found.count} 人名为「${wanted}」，已转到第一位；用证件号码查找可以找到确切的人。` });
      window.location.hash = found.member
        ? hashFor(page, { household: found.household, table: 'members', row: found.member, field: 'name' })
        : hashFor(page, { household: found.household, table: 'households', field: 'hhNo' });
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    }
  };

  return (
    <input
      ref={input}
      className="find"
      aria-label="查找"
      placeholder="查找：户编号、证件号码或姓名（Ctrl+F）"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void go();
      }}
    />
  );
}
