// A person-readable name for the browser behind a session ("Chrome 131 on macOS"), from its
// User-Agent, with bowser (maintained, MIT).
import Bowser from "bowser";

export function describeUserAgent(userAgent: string | null | undefined): string {
  const ua = userAgent?.trim();
  if (!ua) return "Unknown device";
  const { browser, os, platform } = Bowser.parse(ua);
  const major = browser.version?.split(".")[0];
  const name = browser.name ? `${browser.name}${major ? ` ${major}` : ""}` : null;
  const system = os.name ? `${os.name}${os.name === "Windows" && os.versionName ? ` ${os.versionName}` : ""}` : null;
  if (name && system) return `${name} on ${system}`;
  if (name) return name;
  if (system) return `${platform.type === "mobile" ? "Phone" : "Browser"} on ${system}`;
  // Not a browser (a script, curl): its own product token.
  return ua.split(/\s/)[0]!.slice(0, 60);
}
