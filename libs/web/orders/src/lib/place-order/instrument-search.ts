import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { ApiErrorBody, Instrument, InstrumentSearchResponse, formatRupees } from '@desk/contracts';
import { toApiErrorBody } from '@desk/web/http';
import { ErrorCallout } from '@desk/web/ui';
import { Observable, catchError, concat, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import { OrdersApi } from '../orders-api';

export const INSTRUMENT_SEARCH_DEBOUNCE_MS = 250;

type SearchState =
  | { status: 'idle' }
  | { status: 'searching'; query: string }
  | { status: 'done'; query: string; response: InstrumentSearchResponse }
  | { status: 'error'; query: string; error: ApiErrorBody };

/** Instrument search by symbol or name: an ARIA combobox over GET /api/instruments?query=. */
@Component({
  selector: 'desk-instrument-search',
  imports: [ReactiveFormsModule, ErrorCallout],
  templateUrl: './instrument-search.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstrumentSearch {
  private readonly api = inject(OrdersApi);

  readonly invalidMessage = input<string | null>(null);
  readonly selected = output<Instrument>();

  protected readonly rupees = formatRupees;
  protected readonly query = new FormControl('', { nonNullable: true });
  protected readonly active = signal(0);
  protected readonly dismissed = signal(false);

  protected readonly state = toSignal(
    this.query.valueChanges.pipe(
      map((q) => q.trim()),
      debounceTime(INSTRUMENT_SEARCH_DEBOUNCE_MS),
      distinctUntilChanged(),
      switchMap((q): Observable<SearchState> => {
        this.active.set(0);
        this.dismissed.set(false);
        if (!q) return of({ status: 'idle' });
        return concat(
          of<SearchState>({ status: 'searching', query: q }),
          this.api.searchInstruments(q).pipe(
            map((response): SearchState => ({ status: 'done', query: q, response })),
            catchError((e: unknown) => of<SearchState>({ status: 'error', query: q, error: toApiErrorBody(e) })),
          ),
        );
      }),
    ),
    { initialValue: { status: 'idle' } as SearchState },
  );

  protected readonly results = computed(() => {
    const state = this.state();
    return state.status === 'done' ? state.response.instruments : [];
  });
  protected readonly open = computed(() => !this.dismissed() && this.results().length > 0);
  protected readonly activeId = computed(() => (this.open() ? `po-instrument-option-${this.active()}` : null));

  protected onKeydown(event: KeyboardEvent): void {
    const count = this.results().length;
    if (event.key === 'Escape' && this.open()) {
      // Close the list only; a second Esc closes the dialog.
      event.stopPropagation();
      this.dismissed.set(true);
      return;
    }
    if (!count) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.dismissed.set(false);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active.set((this.active() + step + count) % count);
    } else if (event.key === 'Enter' && this.open()) {
      event.preventDefault();
      this.choose(this.results()[this.active()]);
    }
  }

  /** Puts text in the box: as a chosen instrument's label (no search), or as a search to run. */
  setText(text: string, search: boolean): void {
    this.query.setValue(text, { emitEvent: search });
  }

  protected choose(instrument: Instrument): void {
    this.dismissed.set(true);
    this.query.setValue(instrument.tradingSymbol, { emitEvent: false });
    this.selected.emit(instrument);
  }
}
