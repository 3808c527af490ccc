/** Workload 5, a full compliance evaluation of the agency through the API (every enabled profile's rules). */
export const EVALUATE_COMPLIANCE_MUTATION = /* GraphQL */ `
  mutation EvaluateCompliance {
    evaluateCompliance { raised resolved rulesEvaluated compliance { openCount } }
  }
`;
