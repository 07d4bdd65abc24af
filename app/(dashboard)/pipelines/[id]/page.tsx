// The pipeline page: one workflow's health over a window (charts), its success timeline, flags
// and latest runs with their jobs. The server reads the first data; the view polls afterwards.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PipelineView } from "@/components/pipeline/pipeline-view";
import { ScopeError } from "@/components/pipeline/scope-error";
import { checkPipelineSearch } from "@/components/pipeline/scope-params";
import { getPipelinePageData } from "@/lib/pipeline-page";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { search } = checkPipelineSearch(await searchParams);
  const data = await getPipelinePageData((await params).id, search);
  if (data.kind !== "ok" || !data.detail) return { title: "Pipeline" };
  const { repo, name } = data.detail.pipeline;
  return { title: `${repo} · ${name}` };
}

export default async function PipelinePage({ params, searchParams }: Props) {
  const { id } = await params;
  // A window or branch the API refuses falls back to the default, and the page says so.
  const { search, problems } = checkPipelineSearch(await searchParams);
  const data = await getPipelinePageData(id, search);
  if (data.kind === "not-found") notFound();
  if (data.kind === "bad-scope")
    return <ScopeError id={id} message={data.message} parameter={data.parameter} />;
  return (
    <PipelineView
      id={id}
      params={data.params}
      initialDetail={data.detail}
      initialFlags={data.flags}
      problems={problems}
    />
  );
}
