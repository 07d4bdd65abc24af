// /digest: the last complete week's digest.
import { redirect } from "next/navigation";

export default function DigestIndex() {
  redirect("/digest/latest");
}
