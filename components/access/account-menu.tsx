// The header's sign-out, shown to a signed-in person when access control is on.

import base from "@/components/overview/overview.module.css";
import { signOutOfPipewatch } from "@/lib/access/actions";
import { auth } from "@/lib/access/auth";
import { getConfig } from "@/lib/config";
import styles from "./account-menu.module.css";

export async function AccountMenu() {
  if (!getConfig().access.enabled) return null;
  const session = await auth();
  if (!session) return null;
  return (
    <form action={signOutOfPipewatch} className={styles.account}>
      <span className={styles.name} data-testid="signed-in-as">
        {session.user?.name ?? "Signed in"}
      </span>
      <button className={base.button} type="submit">
        Sign out
      </button>
    </form>
  );
}
