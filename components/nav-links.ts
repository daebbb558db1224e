// The signed-in app's navigation, one entry a page. `admin: true` entries show for admins only.
export type NavLink = { href: string; label: string; admin?: boolean };

export const navLinks: NavLink[] = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/nft", label: "NFTs" },
  { href: "/trading", label: "Trading" },
  { href: "/admin", label: "Admin", admin: true },
  { href: "/social", label: "Social" },
  { href: "/notifications", label: "Notifications" },
  { href: "/settings", label: "Settings" },
  { href: "/admin/outbox", label: "Outbox", admin: true },
];
