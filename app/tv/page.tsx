// The TV wall: every pipeline as a tile readable across the room, critical first, paging by
// itself when they do not fit. No header or navigation (app/(dashboard) has those): a wall
// screen has no mouse or keyboard. The server reads the first data; the wall polls afterwards.
import type { Metadata } from "next";
import { readWallParams, wallParamProblems } from "@/components/tv/wall-params";
import { WallView } from "@/components/tv/wall-view";
import { getWallData } from "@/lib/tv";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "TV wall" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TvPage({ searchParams }: Props) {
  const search = await searchParams;
  const get = (name: string) => {
    const value = search[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const data = await getWallData();
  return (
    <WallView
      params={readWallParams(get)}
      problems={wallParamProblems(get)}
      initialReport={data.report}
      initialFlags={data.flags}
      serverNow={Date.now()}
    />
  );
}
