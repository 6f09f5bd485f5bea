import { InstrumentListStatus } from '@desk/contracts';
import { ageText, describeListStatus, istDate } from './instrument-list-status-text';

const base: InstrumentListStatus = { source: 'download', asOf: '2026-11-29T00:30:00.000Z', ageHours: 49.5, instruments: 150_000, downloading: false };

describe('describeListStatus', () => {
  it('shows the date of a current list', () => {
    expect(describeListStatus(base)).toEqual({ tone: 'hint', text: 'Instrument list from Upstox, dated 29 Nov, 06:00 IST.' });
    expect(describeListStatus({ ...base, source: 'user-file' }).text).toContain('your file in the data folder');
  });

  it('says a list is stale when the latest download failed, with its age and the reason', () => {
    const line = describeListStatus({ ...base, lastError: { message: 'The instrument file could not be downloaded (HTTP 500).', at: '2026-12-01T01:00:00Z' } });
    expect(line.tone).toBe('warn');
    expect(line.text).toContain('Instrument list from 2 days ago (29 Nov, 06:00 IST); the latest download failed: The instrument file could not be downloaded (HTTP 500).');
    expect(describeListStatus({ ...base, asOf: null, ageHours: null, instruments: 0, lastError: { message: 'x.', at: '' } }).text).toContain('could not be downloaded: x.');
  });

  it('shows download progress', () => {
    const line = describeListStatus({ ...base, asOf: null, ageHours: null, downloading: true, progress: { receivedBytes: 5 * 1048576, totalBytes: 20 * 1048576 } });
    expect(line).toEqual({ tone: 'info', text: "Downloading Upstox's instrument list... 25 % (5.0 of 20.0 MB)." });
    expect(describeListStatus({ ...base, downloading: true, progress: { receivedBytes: 1048576, totalBytes: null } }).text).toContain('1.0 MB; searching the list from 29 Nov, 06:00 IST meanwhile');
    // Connected to the simulator, its own list is what downloads: not Upstox's.
    expect(describeListStatus({ ...base, source: 'simulator', downloading: true }).text).toMatch(/^Downloading the simulator's instrument list\.\.\./);
  });

  it('words ages', () => {
    expect([ageText(0.2), ageText(1), ageText(5.5), ageText(24), ageText(71)]).toEqual(['less than an hour ago', '1 hour ago', '5 hours ago', '1 day ago', '2 days ago']);
  });
});

describe('istDate', () => {
  it('says the IST day and time, the hour after midnight as 00', () => {
    expect(istDate('2026-11-29T00:30:00Z')).toBe('29 Nov, 06:00 IST');
    expect(istDate('2026-11-28T18:30:00Z')).toBe('29 Nov, 00:00 IST');
  });
});
