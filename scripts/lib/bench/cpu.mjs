// Processes' CPU and memory from Linux's /proc (figures are omitted elsewhere).
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';

const TICKS = 100; // USER_HZ: 100 on every Linux this runs on

function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      user: Number(fields[11]),
      sys: Number(fields[12]),
      childrenUser: Number(fields[13]),
      childrenSys: Number(fields[14]),
    };
  } catch {
    return null;
  }
}

/**
 * CPU ticks (user, kernel) used so far by `pid` and (when `withChildren`) its children, live and ended: PostgreSQL's
 * backends (a backend that ends, such as an idle pool connection closed mid-run, leaves its time to the postmaster).
 */
function cpuTicks(pid, withChildren = false) {
  const own = processTicks(pid);
  if (!own) return null;
  const total = { user: own.user, sys: own.sys };
  if (withChildren) {
    total.user += own.childrenUser;
    total.sys += own.childrenSys;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const child = processTicks(entry);
      if (child?.ppid === pid) {
        total.user += child.user;
        total.sys += child.sys;
      }
    }
  }
  return total;
}

/**
 * Starts measuring; the function it returns gives each party's CPU since then as a percentage of one core: the
 * bench itself, the API (`apiPid`, and any `otherPids` such as workers, together), PostgreSQL with its backends,
 * the whole machine, and the others.
 */
export function cpuSampler(apiPid, postmasterPid, otherPids = []) {
  const read = () => ({
    at: performance.now(),
    bench: process.cpuUsage(),
    api: apiPid ? cpuTicks(apiPid) : null,
    others: otherPids.map((pid) => cpuTicks(pid)),
    postgres: postmasterPid ? cpuTicks(postmasterPid, true) : null,
    machine: os.cpus().reduce((sum, cpu) => sum + cpu.times.user + cpu.times.sys + cpu.times.nice + cpu.times.irq, 0),
  });
  const start = read();
  return () => {
    const end = read();
    const wall = (end.at - start.at) / 1000;
    const share = (seconds) => (seconds === null ? null : (100 * seconds) / wall);
    const used = (key, part) =>
      start[key] === null || end[key] === null
        ? null
        : part
          ? (end[key][part] - start[key][part]) / TICKS
          : (end[key].user + end[key].sys - start[key].user - start[key].sys) / TICKS;
    const benchSeconds = (end.bench.user - start.bench.user + end.bench.system - start.bench.system) / 1e6;
    const servicesSeconds = otherPids.reduce((sum, _, i) => {
      const [a, b] = [start.others[i], end.others[i]];
      return a && b ? sum + (b.user + b.sys - a.user - a.sys) / TICKS : sum;
    }, 0);
    const result = {
      seconds: wall,
      bench: share(benchSeconds),
      api: share(used('api')),
      apiSys: share(used('api', 'sys')),
      services: otherPids.length ? share(servicesSeconds) : null,
      postgres: share(used('postgres')),
      postgresSys: share(used('postgres', 'sys')),
      machine: share((end.machine - start.machine) / 1000),
    };
    result.others = Math.max(
      0,
      result.machine - result.bench - (result.api ?? 0) - (result.services ?? 0) - (result.postgres ?? 0),
    );
    return result;
  };
}

export const pct = (value) => (value === null || value === undefined ? 'n/a' : `${value.toFixed(0)}%`);

export function cpuLine(cpu, servicesName = 'workers') {
  const kernel = (sys) => (sys === null || sys === undefined ? '' : ` (${pct(sys)} in the kernel)`);
  return (
    `API (node) ${pct(cpu.api)}${kernel(cpu.apiSys)}, ` +
    (cpu.services === null || cpu.services === undefined ? '' : `${servicesName} ${pct(cpu.services)}, `) +
    `PostgreSQL ${pct(cpu.postgres)}${kernel(cpu.postgresSys)}, ` +
    `this bench's clients ${pct(cpu.bench)}; other processes ${pct(cpu.others)}; whole machine ${pct(cpu.machine)} ` +
    `of ${os.cpus().length * 100}%`
  );
}

/** VmRSS and VmHWM (the peak resident set since the process started) of `pid`, in MB (10⁶ bytes); null once gone. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: (kb('VmRSS') * 1024) / 1e6, hwm: (kb('VmHWM') * 1024) / 1e6 };
  } catch {
    return null;
  }
}

/**
 * Samples the resident memory of `services` ({ name, pid }) every 200 ms until stop(), which returns each one's
 * peak: the largest of its samples and its VmHWM (the kernel's own high-water mark) at the last reading.
 */
export function memoryWatch(services) {
  const peaks = new Map(services.map((s) => [s, { name: s.name, pid: s.pid, peak: 0, samples: 0 }]));
  const sample = () => {
    for (const [service, peak] of peaks) {
      const memory = memoryOf(service.pid);
      if (!memory || !Number.isFinite(memory.rss)) continue; // gone, or exited and not yet reaped
      peak.peak = Math.max(peak.peak, memory.rss, memory.hwm);
      peak.samples++;
    }
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    add(service) {
      peaks.set(service, { name: service.name, pid: service.pid, peak: 0, samples: 0 });
    },
    stop() {
      sample();
      clearInterval(timer);
      return [...peaks.values()];
    },
  };
}
