import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * This process among every instance sharing the database: host, process id and a random tail (a container's
 * process is often pid 1). It names who holds an inbox lease and who ran a job's tick.
 */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
