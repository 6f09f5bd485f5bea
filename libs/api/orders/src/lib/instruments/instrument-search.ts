import { Instrument, InstrumentRules } from '@desk/contracts';

export function rulesOf(instrument: Instrument | undefined): InstrumentRules | undefined {
  if (!instrument || !(instrument.lotSize > 0) || !(instrument.tickSize > 0)) return undefined;
  return { lotSize: instrument.lotSize, tickSize: instrument.tickSize };
}
