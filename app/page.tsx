import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/viewer";

export default async function Home() {
  redirect((await currentUser()) ? "/dashboard" : "/signin");
}
