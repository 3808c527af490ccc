/**
 * Topic names carry the agency id, so that an agency's events are published to, and read
 * from, a channel no other agency's subscriber ever listens on (not merely filtered).
 *
 * @example agencyEventsTopic("6f1c…") // "agency:6f1c…:events"
 */
export function agencyEventsTopic(agencyId: string): string {
  return `agency:${agencyId}:events`;
}
