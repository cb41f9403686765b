export interface PageDef {
  id: string;
  label: string;
  /** Built pages open; the others are listed so the shape of the app is visible, and say when they arrive. */
  ready: boolean;
  arrives?: string;
}

export const PAGES: readonly PageDef[] = [
  { id: 'overview', label: 'Overview', ready: true },
  { id: 'sales', label: 'Sales', ready: false, arrives: 'with the dashboards' },
  { id: 'pricing', label: 'Pricing', ready: false, arrives: 'with the dashboards' },
  { id: 'customers', label: 'Customers', ready: false, arrives: 'with the dashboards' },
  { id: 'products', label: 'Products', ready: false, arrives: 'with the dashboards' },
  { id: 'operations', label: 'Operations', ready: false, arrives: 'with the dashboards' },
  { id: 'marketing', label: 'Marketing', ready: false, arrives: 'with the dashboards' },
  { id: 'live', label: 'Live', ready: false, arrives: 'with the streaming replay' },
  { id: 'predict', label: 'Predict', ready: true },
  { id: 'data', label: 'Data', ready: true },
];

export const DEFAULT_PAGE = 'overview';

export function pageOf(id: string | null): PageDef {
  return PAGES.find((p) => p.id === id && p.ready) ?? PAGES.find((p) => p.id === DEFAULT_PAGE)!;
}
