import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Pipewatch", template: "%s · Pipewatch" },
  description: "Observability for GitHub Actions pipelines: slow, flaky and silently failing.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page reads the database: nothing is prerendered at build time.
export const dynamic = "force-dynamic";

// The document and the one QueryClient. The dashboard's header and banner are in
// app/(dashboard)/layout.tsx, so the TV wall (app/tv) has the whole screen.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
