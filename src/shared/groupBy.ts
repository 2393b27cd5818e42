// Grouping rows (or anything) by a key, keeping their order: the one helper for "rows by household", "members by
// ID number" and the like.

/**
 * The items of `items` by `keyOf(item)`, in their original order within each group. Items whose key is null or
 * undefined are left out. Keys compare as Map keys do (SameValueZero): 1 and '1' are different groups.
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K | null | undefined): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key == null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
