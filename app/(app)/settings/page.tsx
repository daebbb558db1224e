import { SettingsForms } from "@/components/settings-forms";
import { SessionsList } from "@/components/settings/sessions-list";
import { listActiveSessions } from "@/lib/auth/sessions";
import { getDeliverySettings } from "@/lib/notify/settings";
import { signedIn } from "../signed-in";

export const metadata = { title: "Settings · Herald" };

export default async function SettingsPage() {
  const { user } = await signedIn();
  const [settings, sessions] = await Promise.all([getDeliverySettings(user.id), listActiveSessions(user.id)]);
  return (
    <>
      <h1>Settings</h1>
      <p className="muted">
        While Herald is open, everything arrives here. When you are away, high-priority events go by SMS, medium by push
        and low by email — through the channels you allow below, falling back sms → push → email when one is missing.
      </p>
      <SettingsForms settings={settings} />
      <SessionsList sessions={sessions} currentId={user.sid} />
    </>
  );
}
