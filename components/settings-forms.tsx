"use client";
import { Badge, Button, Card, Checkbox, Flex, Heading, Table, Text } from "@radix-ui/themes";
import { useState, type FormEvent } from "react";
import {
  registerDeviceAction,
  removeDeviceAction,
  savePreferencesAction,
  updateContactAction,
} from "@/app/(app)/settings/actions";
import { Field, useRefreshingAction } from "@/components/action-feedback";
import { DataTable } from "@/components/data-table";
import type { DeliverySettingsView } from "@/lib/notify/settings";

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

function ContactForm({ settings }: { settings: DeliverySettingsView }) {
  const { pending, result, run } = useRefreshingAction();
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    run(
      () =>
        updateContactAction({
          phone: text(form, "phone"),
          email: text(form, "email"),
          timeZone: text(form, "timeZone"),
          quietStart: text(form, "quietStart"),
          quietEnd: text(form, "quietEnd"),
        }),
      "Contact details saved",
    );
  }
  return (
    <Card size="3" my="4" asChild>
      <form onSubmit={onSubmit} aria-label="Contact and quiet hours" noValidate>
        <Heading as="h2" size="4" mb="3">
          Where to reach you
        </Heading>
        <Flex direction="column" gap="3" maxWidth="420px">
          <Field label="Phone (SMS)" name="phone" result={result} defaultValue={settings.phone ?? ""} placeholder="+15551234567" />
          <Field label="Email for notifications" name="email" result={result} type="email" defaultValue={settings.email ?? ""} placeholder={settings.accountEmail} />
          <Field label="Time zone" name="timeZone" result={result} defaultValue={settings.timeZone} placeholder="Europe/Paris" />
          <Flex gap="3">
            <Field label="Quiet hours from" name="quietStart" result={result} defaultValue={settings.quietStart ?? ""} placeholder="22:00" />
            <Field label="until" name="quietEnd" result={result} defaultValue={settings.quietEnd ?? ""} placeholder="07:00" />
          </Flex>
          <Text size="1" color="gray">
            During quiet hours push and SMS wait until the window ends; security and transaction alerts always go.
          </Text>
          <Button type="submit" disabled={pending} style={{ alignSelf: "flex-start" }}>
            Save contact details
          </Button>
        </Flex>
      </form>
    </Card>
  );
}

const channelLabels = { sms: "SMS", push: "Push", email: "Email" } as const;

function PreferencesForm({ settings }: { settings: DeliverySettingsView }) {
  const { pending, run } = useRefreshingAction();
  const [prefs, setPrefs] = useState(settings.preferences);
  const categories = [...new Set(prefs.map((p) => p.category))];
  const toggle = (category: string, channel: string, enabled: boolean) =>
    setPrefs((list) => list.map((p) => (p.category === category && p.channel === channel ? { ...p, enabled } : p)));
  return (
    <Card size="3" my="4">
      <Heading as="h2" size="4" mb="3">
        Channels per category
      </Heading>
      <DataTable
        testId="channel-preferences"
        rows={categories}
        columns={["Category", ...Object.values(channelLabels)]}
        row={(category) => (
          <Table.Row key={category}>
            <Table.RowHeaderCell style={{ textTransform: "capitalize" }}>{category}</Table.RowHeaderCell>
            {prefs
              .filter((p) => p.category === category)
              .map((p) => (
                <Table.Cell key={p.channel}>
                  <Checkbox
                    checked={p.enabled}
                    onCheckedChange={(v) => toggle(category, p.channel, v === true)}
                    aria-label={`${channelLabels[p.channel]} for ${category}`}
                  />
                </Table.Cell>
              ))}
          </Table.Row>
        )}
      />
      <Button mt="3" disabled={pending} onClick={() => run(() => savePreferencesAction({ preferences: prefs }), "Preferences saved")}>
        Save preferences
      </Button>
    </Card>
  );
}

function DevicesForm({ settings }: { settings: DeliverySettingsView }) {
  const { pending, result, run } = useRefreshingAction();
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const el = e.currentTarget;
    const form = new FormData(el);
    run(() => registerDeviceAction({ token: text(form, "token"), label: text(form, "label") }), "Device registered", () => el.reset());
  }
  return (
    <Card size="3" my="4">
      <Heading as="h2" size="4" mb="3">
        Push devices
      </Heading>
      <DataTable
        testId="devices"
        rows={settings.devices}
        empty="No devices: push notifications fall back to email."
        row={(d) => (
          <Table.Row key={d.id}>
            <Table.RowHeaderCell>{d.label}</Table.RowHeaderCell>
            <Table.Cell>
              <Badge color="gray" variant="soft">
                …{d.token.slice(-10)}
              </Badge>
            </Table.Cell>
            <Table.Cell>
              <Button size="1" variant="soft" color="red" disabled={pending} onClick={() => run(() => removeDeviceAction({ id: d.id }), "Device removed")}>
                Remove
              </Button>
            </Table.Cell>
          </Table.Row>
        )}
      />
      <form onSubmit={onSubmit} aria-label="Register a device" noValidate>
        <Flex gap="3" mt="3" align="end" wrap="wrap">
          <Field label="Device name" name="label" result={result} placeholder="My phone" />
          <Field label="FCM registration token" name="token" result={result} placeholder="from the app's Firebase SDK" style={{ flex: 1, minWidth: "16ch" }} />
          <Button type="submit" disabled={pending}>
            Register device
          </Button>
        </Flex>
      </form>
    </Card>
  );
}

export function SettingsForms({ settings }: { settings: DeliverySettingsView }) {
  return (
    <>
      <ContactForm settings={settings} />
      <PreferencesForm settings={settings} />
      <DevicesForm settings={settings} />
    </>
  );
}
