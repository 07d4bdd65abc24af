"use server";
// The sign-in page's and the header's server actions: password and GitHub sign-in, sign-out.
import { AuthError, CredentialsSignin } from "next-auth";
import { getConfig } from "@/lib/config";
import { signIn, signOut, TooManyAttempts } from "./auth.ts";
import { safeCallbackPath } from "./gate.ts";

export type PasswordFormState = { message: string | null };

function callbackOf(form: FormData): string {
  const value = form.get("callbackUrl");
  return safeCallbackPath(typeof value === "string" ? value : "/");
}

/** Signs in with the password; on success Next redirects, else the form shows why not. */
export async function signInWithPassword(
  _previous: PasswordFormState,
  form: FormData,
): Promise<PasswordFormState> {
  const password = form.get("password");
  try {
    await signIn("password", {
      password: typeof password === "string" ? password : "",
      redirectTo: callbackOf(form),
    });
  } catch (error: unknown) {
    if (error instanceof TooManyAttempts)
      return { message: `Too many attempts: retry in ${error.retryAfterSeconds} s.` };
    if (error instanceof CredentialsSignin) return { message: "Wrong password." };
    if (error instanceof AuthError) return { message: "Signing in failed; try again." };
    throw error; // Next's redirect after a successful sign-in travels as an exception
  }
  return { message: null };
}

export async function signInWithGitHub(form: FormData): Promise<void> {
  // GitHub must send people back to the address they use, which is the one it has registered.
  const redirectUri = `${getConfig().publicUrl}/api/auth/callback/github`;
  await signIn("github", { redirectTo: callbackOf(form) }, { redirect_uri: redirectUri });
}

export async function signOutOfPipewatch(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
