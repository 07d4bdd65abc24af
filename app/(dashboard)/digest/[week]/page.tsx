// /digest/2026-W47: the week in one screen (and on paper), compared with the week before;
// /digest/latest redirects to the last complete week's stable address.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { DigestView } from "@/components/digest/digest-view";
import { getConfig } from "@/lib/config";
import { decodeWeekSegment, getDigestPageData } from "@/lib/digest/page";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ week: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Digest ${decodeWeekSegment((await params).week)}` };
}

export default async function DigestPage({ params }: Props) {
  const data = await getDigestPageData((await params).week);
  if (data.kind === "redirect") redirect(`/digest/${data.week}`);
  if (data.kind === "not-found") notFound();
  return <DigestView digest={data.digest} publicUrl={getConfig().publicUrl} />;
}
