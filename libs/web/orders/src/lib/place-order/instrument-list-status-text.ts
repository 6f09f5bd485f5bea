import { InstrumentListStatus } from '@desk/contracts';

/** "less than an hour ago", "5 hours ago", "2 days ago". */
export function ageText(ageHours: number): string {
  if (ageHours < 1) return 'less than an hour ago';
  if (ageHours < 24) return `${Math.floor(ageHours)} hour${Math.floor(ageHours) === 1 ? '' : 's'} ago`;
  const days = Math.floor(ageHours / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

// hourCycle h23, not hour12: false, which writes the hour after midnight as 24.
const LIST_DATE = new Intl.DateTimeFormat('en-IN', {
  timeZone: 'Asia/Kolkata', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** The list's date in IST, e.g. "1 Dec, 06:00 IST". */
export function istDate(iso: string): string {
  return `${LIST_DATE.format(new Date(iso))} IST`;
}

function megabytes(bytes: number): string {
  return (bytes / 1048576).toFixed(1);
}

export type ListStatusLine = { tone: 'info' | 'warn' | 'hint'; text: string };

/** What the Place Order dialog says about the instrument list: its date, a download in progress, a stale list. */
export function describeListStatus(s: InstrumentListStatus): ListStatusLine {
  if (s.downloading) {
    const p = s.progress;
    const amount = !p ? '' : p.totalBytes ? ` ${Math.floor((p.receivedBytes / p.totalBytes) * 100)} % (${megabytes(p.receivedBytes)} of ${megabytes(p.totalBytes)} MB)` : ` ${megabytes(p.receivedBytes)} MB`;
    const current = s.asOf ? `; searching the list from ${istDate(s.asOf)} meanwhile` : '';
    const whose = s.source === 'simulator' ? "the simulator's" : "Upstox's";
    return { tone: 'info', text: `Downloading ${whose} instrument list...${amount}${current}.` };
  }
  if (s.lastError && s.asOf !== null && s.ageHours !== null) {
    return {
      tone: 'warn',
      text: `Instrument list from ${ageText(s.ageHours)} (${istDate(s.asOf)}); the latest download failed: ${s.lastError.message} It is tried again in a few minutes.`,
    };
  }
  if (s.lastError) {
    return { tone: 'warn', text: `The instrument list could not be downloaded: ${s.lastError.message} Search finds nothing until it is; it is tried again in a few minutes.` };
  }
  if (s.asOf === null) return { tone: 'hint', text: 'The instrument list loads on the first search.' };
  const from = s.source === 'user-file' ? 'your file in the data folder' : s.source === 'simulator' ? 'the simulator' : 'Upstox';
  return { tone: 'hint', text: `Instrument list from ${from}, dated ${istDate(s.asOf)}.` };
}
