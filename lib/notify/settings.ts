import "server-only";
// A user's offline-delivery settings: contact points, quiet hours, per category × channel
// preferences and registered push devices.
import { prisma } from "@/lib/db/client";
import { categories } from "@/lib/events/definition";
import { HeraldError } from "@/lib/errors";
import type { z } from "zod";
import type { contactSchema, registerDeviceSchema, preferencesSchema } from "@/lib/validations/settings";
import { offlineChannels } from "@/lib/events/definition";

export async function getDeliverySettings(userId: string) {
  const db = await prisma();
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { deliverySettings: true, channelPreferences: true, devices: { orderBy: { createdAt: "asc" } } },
  });
  if (!user) throw new HeraldError("not_found", "No such user");
  const off = new Set(user.channelPreferences.filter((p) => !p.enabled).map((p) => `${p.category}:${p.channel}`));
  return {
    accountEmail: user.email,
    phone: user.phone,
    email: user.deliverySettings?.email ?? null,
    timeZone: user.timeZone,
    quietStart: user.deliverySettings?.quietStart ?? null,
    quietEnd: user.deliverySettings?.quietEnd ?? null,
    preferences: categories.flatMap((category) =>
      offlineChannels.map((channel) => ({ category, channel, enabled: !off.has(`${category}:${channel}`) })),
    ),
    devices: user.devices.map((d) => ({ id: d.id, label: d.label, token: d.token, createdAt: d.createdAt.toISOString() })),
  };
}
export type DeliverySettingsView = Awaited<ReturnType<typeof getDeliverySettings>>;

export async function updateContact(userId: string, input: z.output<typeof contactSchema>): Promise<void> {
  const db = await prisma();
  const settings = { email: input.email, quietStart: input.quietStart, quietEnd: input.quietEnd };
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { phone: input.phone, timeZone: input.timeZone } }),
    db.deliverySettings.upsert({ where: { userId }, create: { userId, ...settings }, update: settings }),
  ]);
}

export async function savePreferences(userId: string, input: z.output<typeof preferencesSchema>): Promise<void> {
  const db = await prisma();
  await db.$transaction(
    input.preferences.map((p) =>
      db.channelPreference.upsert({
        where: { userId_category_channel: { userId, category: p.category, channel: p.channel } },
        create: { userId, ...p },
        update: { enabled: p.enabled },
      }),
    ),
  );
}

/** Registers a push token for this user (a token moves to whoever registered it last). */
export async function registerDevice(userId: string, input: z.output<typeof registerDeviceSchema>): Promise<void> {
  const db = await prisma();
  await db.device.upsert({
    where: { token: input.token },
    create: { userId, token: input.token, label: input.label },
    update: { userId, label: input.label },
  });
}

export async function removeDevice(userId: string, id: string): Promise<void> {
  const db = await prisma();
  const { count } = await db.device.deleteMany({ where: { id, userId } });
  if (count === 0) throw new HeraldError("not_found", "That device is not registered to you");
}
