import { DeskError, ERROR_TITLES, SimulatorAppCredentials, UpstoxEnvironment } from '@desk/contracts';

/**
 * The `simulator` environment talks to a local port that any program on this machine could be listening on.
 * So it accepts only the simulator's own demo app: the api first asks that port which app it serves
 * (GET {simUrl}/__sim/app, a request that carries nothing) and compares the client_id locally. Only then may
 * a call to that port carry a secret or a token: real Upstox credentials (a different client_id) are refused
 * before anything of theirs leaves the api. Call before starting Option A or checking an Option B token.
 */
export async function assertSimulatorDemoApp(
  request: { environment: UpstoxEnvironment; apiKey: string },
  demoApp: () => Promise<SimulatorAppCredentials>,
): Promise<void> {
  if (request.environment !== 'simulator') return;
  const demo = await demoApp();
  if (request.apiKey !== demo.apiKey) throw notTheSimulatorDemoApp();
}

export function notTheSimulatorDemoApp(): DeskError {
  return new DeskError({
    code: 'INVALID_CREDENTIALS',
    title: ERROR_TITLES.connectionFailed,
    httpStatus: 400,
    message:
      "This API Key is not the built-in simulator's demo app. The Simulator environment accepts only that app, so " +
      'real Upstox credentials and tokens are never sent to the simulator (nothing was sent).',
    nextStep: 'For your own Upstox app choose the Live environment; to try the simulator, choose Simulator again so its demo app is filled in.',
    details: [{ field: 'apiKey', message: "only the simulator's demo app is accepted in the Simulator environment" }],
  });
}
