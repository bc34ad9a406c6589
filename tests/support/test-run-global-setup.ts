import { randomUUID } from 'node:crypto';
import type { TestProject } from 'vitest/node';

/**
 * Vitest global set-up of the integration project: a new `testRunId` for every run, for what is done once per run
 * (the renderer build of `renderer-build.ts`, which declares the key).
 */
export function setup(project: TestProject): void {
  project.provide('testRunId', randomUUID());
}
