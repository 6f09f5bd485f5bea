export { startSimulator } from './lib/server';
export { DEMO_APP } from './lib/options';
export type { SimulatorOptions, RunningSimulator } from './lib/options';
