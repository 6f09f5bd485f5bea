// `npm start`: builds what is needed, starts the built-in Upstox simulator and the api (which serves the
// dashboard), and lets the api print the sign-in link. Stop with Ctrl+C.
import { build, loadDotEnv, run, stopAll, waitForHttp } from './run-support.mjs';

loadDotEnv();
const port = process.env.PORT || '5000';
const simPort = process.env.UPSTOX_SIM_PORT || '5100';
const env = {
  ...process.env,
  UPSTOX_SIM_PORT: simPort,
  // The demo app's registered redirect URI follows the dashboard's port unless set explicitly.
  UPSTOX_SIM_REDIRECT_URI: process.env.UPSTOX_SIM_REDIRECT_URI || `http://localhost:${port}/callback`,
};

build(['upstox-sim', 'api', 'web']);
let simulatorUp = true;
if (process.env.DESK_NO_SIMULATOR !== 'true') {
  run('simulator', 'dist/apps/upstox-sim/main.js', env);
  try {
    await waitForHttp(`http://127.0.0.1:${simPort}/__sim/app`);
  } catch (error) {
    console.error(`The simulator did not start: ${error.message}. Is port ${simPort} in use? Set UPSTOX_SIM_PORT.`);
    simulatorUp = false;
    stopAll(1);
  }
}
if (simulatorUp) run('api', 'dist/apps/api/main.js', env);
