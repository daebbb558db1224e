// The device cookie every test client presents unless a test wants a new browser: to Herald, the
// test runner is one browser, so its many sign-ins as one user are not "new device" sign-ins
// (which send security alerts). Shared by vitest and Playwright (plain: no import.meta).
export const DEVICE_COOKIE = "herald-device";
export const TEST_DEVICE = "herald-test-device-000000000000000000000000";
