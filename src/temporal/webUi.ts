// Addresses in the Temporal Web UI: the namespace's workflow list, which `npm start` prints, and one order's
// workflow, which ops' emails link to.

/** The namespace's workflow list; a workflow's page is this plus `/<workflow id>`. */
export function webUiWorkflowsUrl(uiUrl: string, namespace: string): string {
  return `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows`;
}
