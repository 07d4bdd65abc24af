// The people of the simulator's OAuth app: who can sign in, and their organisation and team
// memberships (what GitHub's membership endpoints report for them).
export type SimMembership = {
  org: string;
  /** GitHub's states: an invitation not yet accepted is "pending". */
  state: "active" | "pending";
  role: "member" | "admin";
  /** Team slugs in this organisation, with the team role. */
  teams?: { slug: string; role: "member" | "maintainer" }[];
};

export type SimUser = { login: string; name: string; memberships: SimMembership[] };

/**
 * For `pipewatch sim --oauth-app` and the tests: a member of acme (and its platform team), one
 * only invited to acme, and one with no membership at all.
 */
export const DEFAULT_OAUTH_USERS: SimUser[] = [
  {
    login: "octocat",
    name: "The Octocat",
    memberships: [
      {
        org: "acme",
        state: "active",
        role: "member",
        teams: [{ slug: "platform", role: "member" }],
      },
    ],
  },
  {
    login: "hubot",
    name: "Hubot",
    memberships: [{ org: "acme", state: "pending", role: "member" }],
  },
  { login: "mallory", name: "Mallory", memberships: [] },
];
