import { AppShell } from "@/components/app-shell";
import { SettingsForms } from "@/components/settings-forms";
import { requireUserPage } from "@/lib/auth/viewer";
import { getDeliverySettings } from "@/lib/notify/settings";
import { latestEventId } from "@/lib/realtime/replay";

export const metadata = { title: "Settings · Herald" };

export default async function SettingsPage() {
  const user = await requireUserPage();
  const [settings, cursor] = await Promise.all([getDeliverySettings(user.id), latestEventId()]);
  return (
    <AppShell userName={user.name ?? user.email ?? "you"} isAdmin={user.role === "ADMIN"} initialCursor={cursor}>
      <h1>Settings</h1>
      <p className="muted">
        While Herald is open, everything arrives here. When you are away, high-priority events go by SMS, medium by push
        and low by email — through the channels you allow below, falling back sms → push → email when one is missing.
      </p>
      <SettingsForms settings={settings} />
    </AppShell>
  );
}
