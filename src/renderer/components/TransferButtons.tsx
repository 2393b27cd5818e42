// 导入… and 导出… of an annex page, with their dialogs: the import takes any file the importer recognises, the
// export offers the page's form first.
import { useState } from 'react';
import type { Row } from '../../shared/tables';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';

export function TransferButtons({ layoutId, villages, villageId, year }: { layoutId?: string; villages: Row[] | null; villageId: number | null; year?: number | null }) {
  const [dialog, setDialog] = useState<'import' | 'export' | null>(null);
  return (
    <>
      <button type="button" onClick={() => setDialog('import')}>
        导入…
      </button>
      {layoutId ? (
        <button type="button" onClick={() => setDialog('export')}>
          导出…
        </button>
      ) : null}
      {dialog === 'import' ? <ImportDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'export' ? <ExportDialog villages={villages ?? []} villageId={villageId} layoutId={layoutId} year={year ?? undefined} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
