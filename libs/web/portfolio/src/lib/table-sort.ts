import { Signal, WritableSignal, signal } from '@angular/core';

export type SortDirection = 'ascending' | 'descending';
export type SortValue = string | number | null;

export interface SortColumn<T> {
  key: string;
  label: string;
  value: (row: T) => SortValue;
  /** Numbers open biggest first (the largest P&L on top); text opens A to Z. */
  numeric: boolean;
}

export interface SortState {
  key: string;
  direction: SortDirection;
}

/** Text A to Z (case-insensitive), numbers low to high; unknown values go last in both directions. */
export function compareSortValues(a: SortValue, b: SortValue, direction: SortDirection): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en', { sensitivity: 'base' });
  return direction === 'ascending' ? order : -order;
}

/** A table's sort: the column and direction, toggled from its header buttons. */
export class TableSort<T> {
  private readonly _state: WritableSignal<SortState>;
  readonly state: Signal<SortState>;

  constructor(
    readonly columns: readonly SortColumn<T>[],
    initial: SortState,
  ) {
    this._state = signal(initial);
    this.state = this._state.asReadonly();
  }

  /** The same column flips its direction; another starts with its natural one. */
  toggle(key: string): void {
    const current = this._state();
    if (current.key === key) {
      this._state.set({ key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' });
      return;
    }
    const column = this.columns.find((c) => c.key === key);
    this._state.set({ key, direction: column?.numeric ? 'descending' : 'ascending' });
  }

  /** For `aria-sort`: only the sorted column carries it. */
  ariaSort(key: string): SortDirection | null {
    const state = this._state();
    return state.key === key ? state.direction : null;
  }

  sort(rows: readonly T[]): T[] {
    const { key, direction } = this._state();
    const column = this.columns.find((c) => c.key === key);
    if (!column) return [...rows];
    // Stable: equal values keep the order the api gave.
    return [...rows].sort((a, b) => compareSortValues(column.value(a), column.value(b), direction));
  }
}
