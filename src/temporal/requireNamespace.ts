// The API's start-up check of its Temporal namespace (src/main/service.ts).
import { type Connection, isGrpcServiceError } from '@temporalio/client';

const GRPC_NOT_FOUND = 5;

/**
 * Stops the API's start on a namespace Temporal does not have, with a message naming it: the worker's start checks
 * its own, but the API would otherwise run and answer every intake with an error. Any other refusal (an API key
 * that may not use the namespace) stops the start too, with Temporal's own message.
 */
export async function requireNamespace(connection: Connection, namespace: string, address: string): Promise<void> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (error) {
    if (isGrpcServiceError(error) && Number(error.code) === GRPC_NOT_FOUND) {
      throw new Error(`TEMPORAL_NAMESPACE: ${namespace} does not exist on the Temporal at ${address}`);
    }
    throw error;
  }
}
