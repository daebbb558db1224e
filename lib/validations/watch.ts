// The lease a mounted page holds on a live feed (trading ticks, the admin view's figures).
import { z } from "zod";

export const watchLeaseSchema = z.object({ watchId: z.uuid() });
