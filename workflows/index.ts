// The workflows the worker registers; `workflowsPath` points here.
export { orderWorkflow } from './order';
export { trackingRefreshWorkflow } from './trackingRefresh';
export { intakeRepairWorkflow } from './intakeRepair';
export { outboxRelayWorkflow } from './outboxRelay';
export { retentionSweepWorkflow } from './retentionSweep';
export { storefrontWebhookWorkflow } from './storefrontWebhooks';
