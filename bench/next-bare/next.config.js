// The design card's own floor: the least an App Router route handler returning a ReadableStream
// can do (see hub.js). Built and started by `npm run bench`; not part of Herald.
/** @type {import("next").NextConfig} */
module.exports = { reactStrictMode: true };
