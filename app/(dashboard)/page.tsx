// The Overview: every pipeline of the watched repositories with its health, flagged ones first.
// The server reads the first data for the scope in the URL; the client view polls afterwards.
import Link from "next/link";
import styles from "@/components/overview/overview.module.css";
import { readOverviewParams, scopeOf } from "@/components/overview/overview-params";
import { OverviewView } from "@/components/overview/overview-view";
import { AddRepository } from "@/components/status/add-repository";
import { getOverviewData } from "@/lib/overview";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OverviewPage({ searchParams }: Props) {
  const search = await searchParams;
  const params = readOverviewParams((name) => {
    const value = search[name];
    return Array.isArray(value) ? value[0] : value;
  });
  const scope = scopeOf(params);
  const data = await getOverviewData(scope);
  if (data.kind === "empty")
    return (
      <main className={styles.main}>
        <h1>Pipelines</h1>
        <AddRepository githubApiUrl={data.githubApiUrl} hasCredentials={data.hasCredentials}>
          <p>
            The first sync then reads the last days of history; its progress shows on{" "}
            <Link href="/status">Sync status</Link>, and the pipelines here.
          </p>
        </AddRepository>
      </main>
    );
  return (
    <main className={styles.main}>
      <OverviewView
        serverScope={scope}
        initialReport={data.report}
        initialSparklines={data.sparklines}
        configured={data.configured}
      />
    </main>
  );
}
