import { expect, type Locator } from '@playwright/test';
import type { Desk } from './desk';

export type Environment = 'live' | 'sandbox' | 'simulator';

/** Opens "Connect Upstox" from the top bar and returns the dialog. */
export async function openConnectDialog(desk: Desk): Promise<Locator> {
  await desk.topBar().getByRole('button', { name: 'Connect Upstox' }).click();
  const dialog = desk.connectDialog();
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Picks an environment; the simulator fills the demo app's credentials from the running simulator. */
export async function chooseEnvironment(dialog: Locator, environment: Environment, expectedApiKey?: string): Promise<void> {
  await dialog.getByLabel('Environment').selectOption(environment);
  if (environment === 'simulator') {
    await expect(dialog.getByTestId('simulator-note')).toContainText('demo app is filled in');
    if (expectedApiKey) await expect(dialog.getByLabel('API Key')).toHaveValue(expectedApiKey);
  }
}

export async function chooseOptionB(dialog: Locator): Promise<void> {
  await dialog.getByRole('tab', { name: /Option B/ }).click();
  await expect(dialog.getByLabel('Access Token')).toBeVisible();
}

/** The error callout in the dialog: title, the reason and the next step. */
export function dialogError(dialog: Locator): { title: Locator; message: Locator; nextStep: Locator; callout: Locator } {
  const callout = dialog.getByTestId('error-callout');
  return {
    callout,
    title: callout.getByTestId('error-title'),
    message: callout.getByTestId('error-message'),
    nextStep: callout.getByTestId('error-next-step'),
  };
}
