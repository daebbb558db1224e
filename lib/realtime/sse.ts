// Server-Sent Events framing. Every field is written so that nothing in a value can end the line
// or the frame early: CR, LF and CRLF inside a value become separate `data:` lines (as the spec
// reassembles them), and ids and comments are stripped of line breaks altogether.
import type { Envelope } from "@/lib/events/envelope";

const encoder = new TextEncoder();
const LINE_BREAK = /\r\n|\r|\n/;

function singleLine(value: string): string {
  return value.replace(/[\r\n]+/g, " ");
}

/** One event: optional `id:` line, the `data:` lines, and the blank line that dispatches it. */
export function eventText(data: string, id?: string | null): string {
  let text = id ? `id: ${singleLine(id)}\n` : "";
  for (const line of data.split(LINE_BREAK)) text += `data: ${line}\n`;
  return text + "\n";
}

/**
 * An envelope as an encoded frame. A durable event's frame carries the stream's resume cursor as
 * its `id:` (lib/events/cursor.ts), which the browser sends back as Last-Event-ID; null for others.
 */
export function encodeEnvelope(envelope: Envelope, cursor: string | null): Uint8Array {
  return encoder.encode(eventText(JSON.stringify(envelope), cursor));
}

export function encodeComment(text: string): Uint8Array {
  return encoder.encode(`: ${singleLine(text)}\n\n`);
}

export function encodeRetry(ms: number): Uint8Array {
  return encoder.encode(`retry: ${Math.max(0, Math.floor(ms))}\n\n`);
}

export const HEARTBEAT = encodeComment("heartbeat");
