// The sign-in page: the password and/or GitHub, as configured. Open without a session (the
// gate lets it through); signed-in visitors and servers without access control go on.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInView } from "@/components/access/sign-in-view";
import { auth } from "@/lib/access/auth";
import { safeCallbackPath } from "@/lib/access/gate";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** What went wrong, from the ?error= Auth.js sends back here; never its details. */
function problemOf(error: string | undefined, code: string | undefined): string | null {
  if (error === undefined) return null;
  if (error === "AccessDenied")
    return "That GitHub account is not a member of an organisation or team allowed here.";
  if (error === "CredentialsSignin")
    return code === "too_many_attempts" ? "Too many attempts: retry later." : "Wrong password.";
  return "Signing in failed; try again.";
}

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  const { access } = getConfig();
  if (!access.enabled) redirect(callbackUrl);
  if (await auth()) redirect(callbackUrl);
  return (
    <SignInView
      callbackUrl={callbackUrl}
      password={access.password !== undefined}
      github={access.github !== undefined}
      problem={problemOf(first(params.error), first(params.code))}
    />
  );
}
