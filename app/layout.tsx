import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { DataBanner } from "@/components/layout/data-banner";
import layout from "@/components/layout/layout.module.css";
import { SiteNav } from "@/components/layout/site-nav";
import { Providers } from "@/components/providers";
import { getBannerData } from "@/lib/banner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Pipewatch", template: "%s · Pipewatch" },
  description: "Observability for GitHub Actions pipelines: slow, flaky and silently failing.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page reads the database (the banner at least): nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const banner = await getBannerData();
  return (
    <html lang="en">
      <body>
        <Providers>
          <a className={layout.skipLink} href="#content">
            Skip to content
          </a>
          <header className="site-header">
            <Link className="brand" href="/">
              Pipewatch
            </Link>
            <SiteNav />
          </header>
          <DataBanner initialStale={banner.stale} initialSync={banner.sync} />
          <div id="content">{children}</div>
        </Providers>
      </body>
    </html>
  );
}
