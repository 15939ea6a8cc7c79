import { AgingTab, CollectionTab, ForecastTab } from './StandardTabs';
import { ReconciliationTab, RefundsTab, UnallocatedTab } from './ListTabs';
import type { ReportView } from './params';
import { PivotTab } from './PivotTab';

/** The tab of the view's report, given the view and a way to change it (which changes the URL). */
export function ReportTab({ view, today, onChange }: { view: ReportView; today: string; onChange: (view: ReportView) => void }) {
  switch (view.kind) {
    case 'pivot': return <PivotTab view={view} today={today} onChange={onChange} />;
    case 'aging': return <AgingTab view={view} onChange={onChange} />;
    case 'collection': return <CollectionTab view={view} today={today} onChange={onChange} />;
    case 'forecast': return <ForecastTab view={view} today={today} onChange={onChange} />;
    case 'refunds': return <RefundsTab view={view} today={today} onChange={onChange} />;
    case 'unallocated': return <UnallocatedTab view={view} onChange={onChange} />;
    case 'reconciliation': return <ReconciliationTab view={view} today={today} onChange={onChange} />;
  }
}
