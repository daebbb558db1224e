export { notify, broadcast, publishLive, type NotifyResult, type DeliveryOutcome } from "./notify";
export { getLedger } from "./ledger";
export { resolveRecipients } from "./recipients";
export { parseEvent, type EventInput } from "./prepare";
