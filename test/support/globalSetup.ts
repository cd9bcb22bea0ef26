// Once per test run: the infrastructure every integration test file shares (see infrastructure.ts).
import type { TestProject } from 'vitest/node';
import { provisionInfrastructure } from './infrastructure';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
  }
}

export default async function setup(project: TestProject) {
  const infrastructure = await provisionInfrastructure();
  project.provide('databaseUrl', infrastructure.databaseUrl);
  project.provide('temporalAddress', infrastructure.temporalAddress);
  return () => infrastructure.stop();
}
