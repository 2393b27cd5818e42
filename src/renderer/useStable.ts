// Rows reload after every write as new arrays, even when nothing in them changed. A grid whose column
// definitions depend on them would be rebuilt mid-edit (dropping the keys being typed); this keeps the previous
// value while its content is the same.
import { useRef } from 'react';

export function useStableValue<T>(value: T): T {
  const key = JSON.stringify(value);
  const kept = useRef({ key, value });
  if (kept.current.key !== key) kept.current = { key, value };
  return kept.current.value;
}
