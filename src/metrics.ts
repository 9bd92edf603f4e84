import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** The service's Prometheus metrics, on a registry of its own (never the process-global one). */
export function createMetrics(sources: { countActivePortals: () => Promise<number> }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    installs: new Counter({
      name: 'lead_manager_installs_total',
      help: 'OAuth installs completed, by whether the portal was new or re-installed',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    installFailures: new Counter({
      name: 'lead_manager_install_failures_total',
      help: 'OAuth callbacks refused or failed, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    uninstalls: new Counter({
      name: 'lead_manager_uninstalls_total',
      help: 'Portals found uninstalled (refresh token rejected)',
      registers: [registry],
    }),
    activePortals: new Gauge({
      name: 'lead_manager_active_portals',
      help: 'Installed portals',
      registers: [registry],
      async collect() {
        this.set(await sources.countActivePortals());
      },
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
