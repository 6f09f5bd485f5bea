// `npm run simulator`: the built-in Upstox simulator on its own (UPSTOX_SIM_* variables, see README).
import { build, loadDotEnv, run } from './run-support.mjs';

loadDotEnv();
build(['upstox-sim']);
run('simulator', 'dist/apps/upstox-sim/main.js', process.env);
