export interface PageDef {
  id: string;
  label: string;
  /** Built pages open; the others are listed so the shape of the app is visible, and say when they arrive. */
  ready: boolean;
  arrives?: string;
}

export const PAGES: readonly PageDef[] = [
  { id: 'overview', label: 'Overview', ready: true },
  { id: 'sales', label: 'Sales', ready: true },
  { id: 'pricing', label: 'Pricing', ready: true },
  { id: 'customers', label: 'Customers', ready: true },
  { id: 'products', label: 'Products', ready: true },
  { id: 'operations', label: 'Operations', ready: true },
  { id: 'marketing', label: 'Marketing', ready: true },
  { id: 'live', label: 'Live', ready: true },
  { id: 'predict', label: 'Predict', ready: true },
  { id: 'data', label: 'Data', ready: true },
];

export const DEFAULT_PAGE = 'overview';

export function pageOf(id: string | null): PageDef {
  return PAGES.find((p) => p.id === id && p.ready) ?? PAGES.find((p) => p.id === DEFAULT_PAGE)!;
}
