// The 工作年度 and the 政策年度参数 a page works with: those of `year` when the page shows another year than the
// work year, read again after every write (设置 may have changed them).
import { useEffect, useState } from 'react';
import type { ProfileInfo } from '../shared/api';
import { api } from './api';
import { useWorkspace } from './workspace';

export function useProfile(year?: number | null): ProfileInfo | null {
  const { notify, revision } = useWorkspace();
  const [info, setInfo] = useState<ProfileInfo | null>(null);
  useEffect(() => {
    let live = true;
    api.profile(year ?? undefined).then(
      (p) => live && setInfo(p),
      (e: Error) => live && notify({ kind: 'error', text: e.message }),
    );
    return () => {
      live = false;
    };
  }, [year, revision, notify]);
  return info;
}
