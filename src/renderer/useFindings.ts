// The findings of 数据核查 for what a page shows: some households (quick, scoped) or a village; none when neither
// is given (every village at once would check the whole county after each edit).
import { useEffect, useState } from 'react';
import type { Finding } from '../shared/rules/types';
import { api } from './api';
import { useStableValue } from './useStable';
import { useWorkspace } from './workspace';

export type FindingScope = { householdIds: number[] } | { villageId: number } | null;

/** Re-checked after every write (the data revision), as the marks must follow the edit that fixed them. */
export function useFindings(scope: FindingScope, year: number | null): Finding[] {
  const { notify, revision } = useWorkspace();
  const [findings, setFindings] = useState<Finding[]>([]);
  const stableScope = useStableValue(scope);
  useEffect(() => {
    if (!stableScope || ('householdIds' in stableScope && !stableScope.householdIds.length)) {
      setFindings([]);
      return;
    }
    let live = true;
    api.check({ ...stableScope, year: year ?? undefined }).then(
      (report) => live && setFindings(report.findings),
      (error: Error) => live && notify({ kind: 'error', text: error.message }),
    );
    return () => {
      live = false;
    };
  }, [stableScope, year, notify, revision]);
  return findings;
}
