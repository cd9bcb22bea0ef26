// A logger that prints nothing: for tests that run the service's parts and assert on what they do, not say.
import type { Logger } from '../../src/main/logger';

export const quietLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
