// Runs once when the server starts: validate the environment (a bad value stops start-up with a
// message naming the variable), open and migrate the database, seed the demo, start the outbox.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./lib/boot");
  await boot();
}
