// The team dashboard's frame: the header with the navigation and the stale-data banner around
// every page but the TV wall (app/tv), which has the whole screen to itself.
import Link from "next/link";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/access/account-menu";
import { DataBanner } from "@/components/layout/data-banner";
import layout from "@/components/layout/layout.module.css";
import { SiteNav } from "@/components/layout/site-nav";
import { getBannerData } from "@/lib/banner";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const banner = await getBannerData();
  return (
    <>
      <a className={layout.skipLink} href="#content">
        Skip to content
      </a>
      <header className="site-header">
        <Link className="brand" href="/">
          Pipewatch
        </Link>
        <SiteNav />
        <AccountMenu />
      </header>
      <DataBanner initialStale={banner.stale} initialSync={banner.sync} />
      <div id="content">{children}</div>
    </>
  );
}
