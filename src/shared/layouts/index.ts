// The registry of official forms. The exporter, the export dialog, the CLI's list and help, and re-import read it;
// a new form is one file here and one line below.
import { assignmentsLayout } from './assignments';
import { householdsLayout } from './households';
import { incomeLayout } from './income';
import { keygroupsLayout } from './keygroups';
import { membersLayout } from './members';
import { nationalLayout } from './national';
import { nationalIncomeLayout } from './nationalIncome';
import { problemsLayout } from './problems';
import { publicityLayout } from './publicity';
import type { Layout } from './types';
import { peopleLayout, villageIndicatorsLayout } from './villageData';
import { visitsLayout } from './visits';
import { workLayout } from './work';

export * from './types';
export { nationalColumns } from './national';

export const layouts: readonly Layout[] = [householdsLayout, membersLayout, incomeLayout, visitsLayout, keygroupsLayout, problemsLayout, assignmentsLayout, nationalLayout, nationalIncomeLayout, workLayout, publicityLayout, villageIndicatorsLayout, peopleLayout];

export function findLayout(id: unknown): Layout | undefined {
  return layouts.find((l) => l.id === id);
}

/** The own-table form a workbook's title rows name, for re-import. */
export function layoutByTitle(title: string): Layout | undefined {
  return layouts.find((l) => l.reimport && title.includes(l.reimport.titlePhrase));
}
