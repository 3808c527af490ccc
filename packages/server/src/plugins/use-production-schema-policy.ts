import { blockFieldSuggestionsPlugin } from "@escape.tech/graphql-armor-block-field-suggestions";
import { useDisableIntrospection } from "@graphql-yoga/plugin-disable-introspection";
import type { Plugin } from "graphql-yoga";

export interface SchemaExposure {
  introspection: boolean;
  fieldSuggestions: boolean;
}

/**
 * What the schema reveals about itself. Production hides introspection and "Did you mean"
 * suggestions (which leak field names even without introspection); each can be switched
 * back on with INTROSPECTION=true / FIELD_SUGGESTIONS=true.
 */
export function useSchemaExposure({ introspection, fieldSuggestions }: SchemaExposure): Plugin[] {
  const plugins: Plugin[] = [];
  if (!introspection) plugins.push(useDisableIntrospection());
  if (!fieldSuggestions) plugins.push(blockFieldSuggestionsPlugin({ mask: "[hidden]" }) as Plugin);
  return plugins;
}
