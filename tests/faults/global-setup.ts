/**
 * Makes sure the dedicated cluster exists and is running. Creating it needs root and Debian's
 * postgresql-common (pg_createcluster); CI has both, so there a missing tool is a failure;
 * elsewhere the suites are skipped with a message.
 */
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { admin, CLUSTER, clusterStatus, pgCtl } from './support';

declare module 'vitest' {
  export interface ProvidedContext {
    faultsCluster: string | null; // why the suites cannot run, or null when they can
  }
}

function has(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether this run started the cluster (so teardown stops it again). */
let startedHere = false;

export async function setup(project: TestProject) {
  let problem: string | null = null;
  if (!has('pg_createcluster') || !has('pg_ctlcluster') || !has('pg_lsclusters')) {
    problem = 'pg_createcluster/pg_ctlcluster (postgresql-common) are not installed';
  } else if (process.getuid?.() !== 0) {
    problem = 'the fault suites create and stop their own PostgreSQL cluster, which needs root';
  }
  if (problem) {
    if (process.env.CI === 'true') throw new Error(`${problem}; under CI this is a failure, not a skip.`);
    process.stdout.write(`\nSkipping the fault suites: ${problem}.\n`);
    project.provide('faultsCluster', problem);
    return;
  }
  if (clusterStatus() === 'missing') {
    // Trust on local connections only (127.0.0.1 and the socket): a throwaway test cluster.
    execFileSync('pg_createcluster', [CLUSTER.version, CLUSTER.name, '-p', String(CLUSTER.port), '--start-conf=manual', '--', '--auth=trust'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  }
  if (clusterStatus() !== 'online') {
    pgCtl('start');
    startedHere = true;
  }
  await admin('postgres', 'select 1');
  project.provide('faultsCluster', null);
}

export async function teardown() {
  // Leave the cluster as we found it: stopped if this run started it (a test that failed
  // half-way may already have stopped it), running otherwise.
  const status = clusterStatus();
  if (startedHere && status === 'online') pgCtl('stop');
  else if (!startedHere && status === 'down') pgCtl('start');
}
