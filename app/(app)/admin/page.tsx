import { Heading } from "@radix-ui/themes";
import { AnnouncementForm } from "@/components/admin/announcement-form";
import { MaintenanceForm } from "@/components/admin/maintenance-form";
import { OnlineUsers } from "@/components/admin/online-users";
import { signedInAdmin } from "@/app/(app)/signed-in";
import { onlineUsers } from "@/lib/domain/system/online-users";

export const metadata = { title: "Admin · Herald" };

export default async function AdminPage() {
  await signedInAdmin();
  const online = await onlineUsers();
  return (
    <>
      <Heading as="h1" size="7" my="3">
        Admin
      </Heading>
      <div className="page-grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(300px, 1fr))" }}>
        <MaintenanceForm />
        <AnnouncementForm />
      </div>
      <OnlineUsers users={online} />
    </>
  );
}
