import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TableSort } from './table-sort';

/** A table's header row: one sort button per column (aria-sort on its cell), then the actions column. */
@Component({
  // eslint-disable-next-line @angular-eslint/component-selector -- a table's header row must stay a <tr>
  selector: 'tr[deskSortHeaderRow]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (column of sort().columns; track column.key) {
      <th scope="col" [class.num]="column.numeric" [attr.aria-sort]="sort().ariaSort(column.key)">
        <button type="button" class="sort-btn" (click)="sort().toggle(column.key)">
          {{ column.label }}<span class="sort-btn__icon" aria-hidden="true">{{ icon(column.key) }}</span>
        </button>
      </th>
    }
    <th scope="col"><span class="visually-hidden">Actions</span></th>
  `,
})
export class SortHeaderRow<T> {
  readonly sort = input.required<TableSort<T>>();

  protected icon(key: string): string {
    const direction = this.sort().ariaSort(key);
    return direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '';
  }
}
