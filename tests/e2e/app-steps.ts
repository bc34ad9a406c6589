import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { AppPage } from './station-app-harness.ts';

/** Steps a health worker takes in the station app, shared by the end-to-end tests. */

export const NEW_PASSWORD = 'Trạm-Y-tế#2026';

export async function signIn(page: Page, userName: string, password: string): Promise<void> {
  await page.locator('#login-user-name').fill(userName);
  await page.locator('#login-password').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** A first sign-in with an issued password: sign in, change it, and wait for the working screens. */
export async function firstSignIn(page: Page, userName: string, issuedPassword: string): Promise<void> {
  await expect.poll(() => page.locator('#login-user-name').isVisible(), { timeout: 15_000 }).toBe(true);
  await signIn(page, userName, issuedPassword);
  await expect.poll(() => page.locator('#new-password').isVisible(), { timeout: 15_000 }).toBe(true);
  await page.locator('#current-password').fill(issuedPassword);
  await page.locator('#new-password').fill(NEW_PASSWORD);
  await page.locator('#confirm-password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect.poll(() => page.getByTestId('signed-in-user').isVisible(), { timeout: 15_000 }).toBe(true);
}

export type NewResident = { fullName: string; givenName?: string; dateOfBirth: string; sex: 'Nam' | 'Nữ' };

/** Fills the registration form and saves it (what follows, a health ID or a duplicate warning, is the caller's). */
export async function submitRegistration(page: Page, resident: NewResident): Promise<void> {
  await page.getByRole('menuitem', { name: 'Đăng ký mới' }).click();
  await page.locator('#fullName').fill(resident.fullName);
  if (resident.givenName !== undefined) await page.locator('#givenName').fill(resident.givenName);
  await page.locator('#dateOfBirth').click();
  await page.locator('#dateOfBirth').fill(resident.dateOfBirth);
  await page.locator('#dateOfBirth').press('Enter');
  await page.getByLabel(resident.sex, { exact: true }).check();
  await page.getByRole('button', { name: 'Lưu và cấp mã định danh y tế' }).click();
}

/** Registers someone new and waits for their health ID. */
export async function register(page: Page, resident: NewResident): Promise<void> {
  await submitRegistration(page, resident);
  await expect.poll(() => page.getByTestId('health-id').isVisible(), { timeout: 15_000 }).toBe(true);
}

export async function search(page: Page, query: string): Promise<void> {
  await page.getByRole('menuitem', { name: 'Tìm người dân' }).click();
  await page.locator('#resident-search').fill(query);
}

/** Searches and opens the record of the first result named `fullName`. */
export async function openRecord(page: Page, query: string, fullName: string): Promise<void> {
  await search(page, query);
  const link = page.getByTestId('open-resident').filter({ hasText: fullName }).first();
  await expect.poll(() => link.isVisible(), { timeout: 10_000 }).toBe(true);
  await link.click();
  await expect.poll(() => page.getByTestId('record-name').textContent(), { timeout: 10_000 }).toBe(fullName);
}

/** The id of the focused element (what the keyboard is typing into). */
export const focusedId = (page: Page): Promise<string> =>
  page.evaluate(() => document.activeElement?.id ?? '');

export function expectNothingUnexpected(app: AppPage): void {
  expect(app.consoleErrors).toEqual([]);
  expect(app.dialogs).toEqual([]);
}
