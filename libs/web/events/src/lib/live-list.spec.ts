import { LiveList } from './live-list';

interface Row {
  id: string;
  v: number;
}
const row = (id: string, v: number): Row => ({ id, v });

describe('LiveList', () => {
  let list: LiveList<Row>;
  beforeEach(() => (list = new LiveList<Row>((r) => r.id)));

  it('upserts by key and replaces with a snapshot', () => {
    list.replace([row('a', 1), row('b', 1)], list.mark());
    list.upsert(row('a', 2));
    list.upsert(row('c', 1));
    expect(list.values()).toEqual([row('a', 2), row('b', 1), row('c', 1)]);
    list.replace([row('b', 3)], list.mark());
    expect(list.values()).toEqual([row('b', 3)]);
  });

  it('a snapshot read before an event never overwrites or drops what the event brought', () => {
    list.replace([row('a', 1), row('b', 1)], list.mark());
    const mark = list.mark();
    list.upsert(row('a', 5)); // arrives while the read is in flight
    list.upsert(row('new', 1));
    list.remove('b');
    list.replace([row('a', 4), row('b', 4)], mark);
    expect(list.values()).toEqual([row('a', 5), row('new', 1)]);
  });

  it('a later snapshot (started after the event) wins again', () => {
    const first = list.mark();
    list.upsert(row('a', 5));
    const second = list.mark();
    list.replace([row('a', 4)], first);
    expect(list.get('a')).toEqual(row('a', 5));
    list.replace([row('a', 6)], second);
    expect(list.get('a')).toEqual(row('a', 6));
  });

  it('clear forgets everything', () => {
    list.upsert(row('a', 1));
    list.clear();
    expect(list.values()).toEqual([]);
  });
});
