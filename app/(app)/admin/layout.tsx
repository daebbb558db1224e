import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { signedInAdmin } from "../signed-in";

// The admin area inside the signed-in frame (add a page's entry to `adminLinks`). Each page under
// /admin still calls signedInAdmin() itself: a layout is not re-run on every navigation.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await signedInAdmin();
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}
