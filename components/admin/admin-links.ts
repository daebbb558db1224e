// The admin area's own navigation, one entry a page.
export const adminLinks = [{ href: "/admin", label: "Overview" }];
