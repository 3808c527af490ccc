import { builder } from "./builder.ts";

/** What the public gets back for a submission: that it arrived, and a reference to quote. */
export interface Receipt {
  referenceId: string;
}

export const PublicReceipt = builder.objectRef<Receipt>("PublicReceipt").implement({
  description: "Confirms a public submission. It reveals nothing else about what the agency holds.",
  authScopes: { public: true },
  fields: (t) => ({
    received: t.boolean({ resolve: () => true }),
    referenceId: t.exposeID("referenceId", {
      nullable: true,
      description: "Quote it when contacting the agency about this submission.",
    }),
  }),
});
