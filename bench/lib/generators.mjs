// The forked load generators (bench/generator.mjs), driven over IPC.
import path from "node:path";
import { root } from "./options.mjs";
import { spawnNode } from "./processes.mjs";

export class Generators {
  constructor(count) {
    this.procs = Array.from({ length: count }, () =>
      spawnNode([path.join(root, "bench/generator.mjs")], process.env, ["ignore", "inherit", "inherit", "ipc"]),
    );
    this.seq = 0;
    this.pending = new Map();
    for (const p of this.procs) {
      p.on("message", (m) => {
        const waiter = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error) waiter?.reject(new Error(m.error));
        else waiter?.resolve(m.result);
      });
    }
  }
  call(i, msg) {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.procs[i].send({ ...msg, id });
    });
  }
  all(msg) {
    return Promise.all(this.procs.map((_, i) => this.call(i, typeof msg === "function" ? msg(i) : msg)));
  }
  stop() {
    for (const p of this.procs) p.kill();
  }
}
