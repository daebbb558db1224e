import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("takes the entry the outermost trusted proxy wrote", () => {
    // A client sent its own header; nginx appended the address it saw.
    expect(clientAddress("6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    // CDN → nginx → Herald: nginx appended the CDN's address after the client's.
    expect(clientAddress("6.6.6.6, 203.0.113.7, 198.51.100.2", 2)).toBe("203.0.113.7");
  });

  it("without a proxy, reads the address Next wrote for the socket", () => {
    expect(clientAddress("::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientAddress("2001:db8::1", 0)).toBe("2001:db8::1");
  });

  it("answers null for a missing or malformed entry, never echoing junk", () => {
    expect(clientAddress(null, 1)).toBeNull();
    expect(clientAddress("", 0)).toBeNull();
    expect(clientAddress("not-an-address", 1)).toBeNull();
    // More proxies configured than entries: the leftmost entry is as far as anyone wrote.
    expect(clientAddress("203.0.113.7", 3)).toBe("203.0.113.7");
  });
});
