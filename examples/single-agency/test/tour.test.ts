import { expect, it } from "vitest";
import { runTour } from "../src/tour.ts";

it("starts on an empty data folder, signs in as metro's unit commander and lists the stations", async () => {
  const [whoAmI, stations] = await runTour();
  expect(whoAmI?.result).toEqual({
    data: {
      viewer: {
        roles: ["UNIT_COMMANDER"],
        agency: { slug: "metro", name: "Metro County Sheriff's Department" },
        member: { name: "Morgan Commander", email: "unit_commander@metro.example", unit: { name: "Eastside Station" } },
      },
    },
  });
  const units = (
    stations!.result as {
      data: { agency: { orgUnits: { totalCount: number; edges: { node: { name: string; kind: string } }[] } } };
    }
  ).data.agency.orgUnits;
  expect(units.totalCount).toBe(5);
  expect(units.edges.filter((edge) => edge.node.kind === "PATROL_STATION").map((edge) => edge.node.name)).toEqual([
    "Eastside Station",
    "Harbor Station",
    "Valley Station",
  ]);
});
