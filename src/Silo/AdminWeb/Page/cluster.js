// The cluster: its silos, this silo's memory tiers against their budgets, the bus.
import { call } from "/admin/api.js";
import { attempt, bytes, element } from "/admin/ui.js";

const tierNames = { grains: "Stored media held by grains", transcoded: "Transcoded WAV", listeners: "Hot versions at the listeners" };
let timer = null;

/** Polls while the view is shown. */
export function watchCluster(visible) {
  clearInterval(timer);
  timer = null;
  if (visible) {
    attempt(refresh);
    timer = setInterval(() => attempt(refresh), 3000);
  }
}

async function refresh() {
  const [cluster, silo, health] = await Promise.all([call("/api/cluster"), call("/api/silo"), call("/api/health")]);
  document.getElementById("bus-state").textContent = health.bus;
  document.getElementById("this-silo").textContent = silo.silo;
  document.querySelector("#silos-table tbody").replaceChildren(...cluster.silos.map((s) => {
    const row = element("tr", "", { "data-status": s.status });
    const cpu = s.cpuUsagePercent === null ? "" : `${s.cpuUsagePercent.toFixed(0)} %`;
    row.append(...[s.address, s.name, s.hostName, s.status, s.activations ?? "", cpu, bytes(s.memoryUsageBytes)]
      .map((value) => element("td", String(value))));
    return row;
  }));
  document.getElementById("tiers").replaceChildren(...Object.entries(tierNames).map(([key, label]) => {
    const tier = silo[key];
    const share = tier.budget > 0 ? Math.min(1, tier.bytes / tier.budget) : 0;
    const meter = element("meter", "", { min: "0", max: "1", low: "0.7", high: "0.9", optimum: "0", value: String(share) });
    const line = element("div", "", { class: "tier", "data-tier": key });
    line.append(element("span", label), meter, element("span", `${bytes(tier.bytes)} of ${bytes(tier.budget)}`));
    return line;
  }));
}
