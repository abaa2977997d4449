package io.skyfed.drivers.vsphere;

import static io.skyfed.drivers.vsphere.VsphereJson.array;
import static io.skyfed.drivers.vsphere.VsphereJson.flag;
import static io.skyfed.drivers.vsphere.VsphereJson.number;
import static io.skyfed.drivers.vsphere.VsphereJson.object;
import static io.skyfed.drivers.vsphere.VsphereJson.optionalString;
import static io.skyfed.drivers.vsphere.VsphereJson.query;
import static io.skyfed.drivers.vsphere.VsphereJson.string;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.NotFoundException;
import java.util.Optional;

/**
 * What a datacenter's hosts offer to VMs, read through the VI JSON API, since the Automation API has no host
 * hardware figures. The Automation API names the connected hosts ({@code host-12}, the same managed object ids the
 * VI JSON API takes); each host's {@code HostListSummary} ({@code GET .../HostSystem/{moId}/summary}) gives its
 * hardware and runtime state. A host counts only while vCenter reports it {@code connected} and not in maintenance
 * mode: DRS places nothing on the others (the same rule vCenter's own {@code effectiveCpu}/{@code effectiveMemory}
 * of a cluster follows).
 */
final class VsphereHosts {

    /**
     * @param logicalCpus hardware threads of the counted hosts ({@code hardware.numCpuThreads}): logical CPUs, the
     *                    unit libvirt's and oVirt's capacity use too
     * @param memoryBytes physical memory of the counted hosts ({@code hardware.memorySize})
     * @param hosts       how many hosts were counted
     */
    record Offer(long logicalCpus, long memoryBytes, int hosts) {
    }

    private VsphereHosts() {
    }

    /** The datacenter's offer; empty when vCenter does not serve the configured VI JSON release. */
    static Optional<Offer> offer(VsphereAccount account, String datacenter) {
        long cpus = 0;
        long memory = 0;
        int counted = 0;
        for (JsonElement host : array(account.get("list connected hosts", "realm", datacenter,
                "/api/vcenter/host?datacenters=" + query(datacenter) + "&connection_states=CONNECTED"))) {
            String id = string(host, "host");
            Optional<JsonElement> summary;
            try {
                summary = account.viGet("read host summary", "host", id, "/HostSystem/" + query(id) + "/summary");
            } catch (NotFoundException removed) {
                continue; // removed from vCenter between the two reads: it offers nothing any more
            }
            if (summary.isEmpty()) {
                return Optional.empty();
            }
            JsonObject s = object(summary.get());
            if (!s.has("runtime") || !s.has("hardware")) {
                continue; // vCenter knows nothing of the host yet (both are optional in the reference)
            }
            JsonElement runtime = s.get("runtime");
            if (!"connected".equals(optionalString(runtime, "connectionState"))
                    || flag(runtime, "inMaintenanceMode")) {
                continue;
            }
            cpus += number(s.get("hardware"), "numCpuThreads");
            memory += number(s.get("hardware"), "memorySize");
            counted++;
        }
        return Optional.of(new Offer(cpus, memory, counted));
    }
}
