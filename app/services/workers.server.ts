// Background work that runs inside the server process. Every task is durable: its state lives in the
// database (outbox, jobs), so a crash or restart only delays it.
export interface PeriodicTask {
  name: string;
  everyMs: number;
  run: () => Promise<void> | void;
}

const tasks: PeriodicTask[] = [];
const timers: NodeJS.Timeout[] = [];
const running = new Set<Promise<void>>();

/** Called only by the task registry (services/tasks.server.ts), which lists every periodic task. */
export function registerTask(task: PeriodicTask) {
  if (!tasks.some((t) => t.name === task.name)) tasks.push(task);
}

async function runOnce(task: PeriodicTask) {
  try {
    await task.run();
  } catch (error) {
    console.error(`[worker] ${task.name} failed:`, error);
  }
}

export function startBackgroundWorkers() {
  if (timers.length) return;
  for (const task of tasks) {
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      const p = runOnce(task).finally(() => {
        busy = false;
        running.delete(p);
      });
      running.add(p);
    };
    const t = setInterval(tick, task.everyMs);
    t.unref();
    timers.push(t);
    setImmediate(tick);
  }
}

export async function stopBackgroundWorkers() {
  for (const t of timers.splice(0)) clearInterval(t);
  await Promise.allSettled([...running]);
}

export function registeredTasks(): readonly PeriodicTask[] {
  return tasks;
}
