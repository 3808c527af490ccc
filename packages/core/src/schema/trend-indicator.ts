import { builder } from "./builder.ts";
import { CalendarDate } from "./trend-calendar-date.ts";

export const IndicatorCategory = builder.enumType("IndicatorCategory", {
  description: "What an indicator measures: crime, or quality of life in the neighbourhood (CPP-18).",
  values: ["CRIME", "QUALITY_OF_LIFE"] as const,
});

export const Indicator = builder.prismaNode("Indicator", {
  description: 'A crime or quality-of-life series the agency tracks per unit, such as "burglary" or "graffiti reports".',
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    key: t.exposeString("key", { description: "Stable short name used by CSV imports, e.g. `vehicle-theft`." }),
    name: t.exposeString("name"),
    category: t.expose("category", { type: IndicatorCategory }),
    unitName: t.exposeString("unitName", { description: 'What one unit of a value is, e.g. "count" or "reports".' }),
  }),
});

export const Observation = builder.prismaNode("Observation", {
  description: "The value of an indicator for one unit and one period, usually a calendar month.",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    indicator: t.relation("indicator"),
    unit: t.relation("unit"),
    periodStart: t.expose("periodStart", { type: CalendarDate }),
    periodEnd: t.expose("periodEnd", { type: CalendarDate }),
    value: t.exposeFloat("value"),
  }),
});
