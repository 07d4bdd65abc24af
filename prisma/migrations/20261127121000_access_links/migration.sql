-- Read-only links (lib/access/links.ts): the TV wall's and the digest e-mails'. The token is
-- signed and names its row; the row is what revoking a link changes, so a stolen token stops
-- working at once. Tokens themselves are never stored.
CREATE TYPE "access_link_kind" AS ENUM ('tv', 'digest');

-- CreateTable
CREATE TABLE "access_links" (
    "id" TEXT NOT NULL,
    "kind" "access_link_kind" NOT NULL,
    "label" TEXT,
    "scope" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "access_links_pkey" PRIMARY KEY ("id")
);
