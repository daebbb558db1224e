// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Separate build folders let several checkouts or test runs build side by side.
  distDir: process.env.HERALD_DIST_DIR || ".next",
  poweredByHeader: false,
  // Loaded with Node's require at run time rather than bundled: PGlite ships WebAssembly and data
  // files next to its JS, and the provider SDKs resolve files dynamically.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "twilio",
    "firebase-admin",
    "@sendgrid/mail",
    "@sendgrid/client",
  ],
};

module.exports = nextConfig;
