export { CLOSE_CODES } from "./close-codes.ts";
export { attachSubscriptionServer, type SubscriptionServer, type SubscriptionServerOptions } from "./graphql-ws-server.ts";
export type { SlowConsumerOptions } from "./slow-consumers.ts";
