"use client";
// The sign-in card: a password form (its errors shown in place) and/or a GitHub button.
import { useActionState } from "react";
import { type PasswordFormState, signInWithGitHub, signInWithPassword } from "@/lib/access/actions";
import styles from "./sign-in.module.css";

type Props = { callbackUrl: string; password: boolean; github: boolean; problem: string | null };

const INITIAL: PasswordFormState = { message: null };

export function SignInView({ callbackUrl, password, github, problem }: Props) {
  const [state, submit, pending] = useActionState(signInWithPassword, INITIAL);
  const message = state.message ?? problem;
  return (
    <main className={styles.page}>
      <section className={`card ${styles.card}`} aria-labelledby="sign-in-title">
        <p className={styles.brand}>Pipewatch</p>
        <h1 id="sign-in-title">Sign in</h1>
        <p className="muted">This dashboard shows private pipelines: sign in to see it.</p>
        {message && (
          <p className={styles.problem} role="alert" data-testid="sign-in-problem">
            {message}
          </p>
        )}
        {github && (
          <form action={signInWithGitHub}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <button className={`${styles.button} ${styles.github}`} type="submit">
              Sign in with GitHub
            </button>
          </form>
        )}
        {github && password && <p className={styles.or}>or</p>}
        {password && (
          <form action={submit} className={styles.form}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <label htmlFor="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={1024}
            />
            <button className={styles.button} type="submit" disabled={pending}>
              {pending ? "Signing in…" : "Sign in"}
            </button>
          </form>
        )}
      </section>
    </main>
  );
}
