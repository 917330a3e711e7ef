/** The link an invitee opens to sign up into the inviting organization. */
export function invitationLink(origin: string, token: string): string {
  return `${origin}/signup?invitation=${encodeURIComponent(token)}`;
}
