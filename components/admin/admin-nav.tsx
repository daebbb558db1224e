"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The admin area's own navigation, one entry a page. */
export const adminLinks = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/outbox", label: "Outbox" },
  { href: "/admin/system", label: "System" },
];

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav className="nav" aria-label="Admin">
      {adminLinks.map((l) => (
        <Link key={l.href} href={l.href} aria-current={pathname === l.href ? "page" : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
