package io.skyfed.drivers.vsphere;

import static io.skyfed.drivers.vsphere.VsphereJson.array;
import static io.skyfed.drivers.vsphere.VsphereJson.query;
import static io.skyfed.drivers.vsphere.VsphereJson.string;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VM summaries of a datacenter, read host by host. The Automation API's VM list has no paging: a call matching
 * more than its cap (4000 VMs on vCenter 7 and 8) fails outright, so a large datacenter cannot be read in one call.
 * A host holds at most 1024 VMs, so one call per host stays under the cap. A VM moved between hosts while they are
 * read may show twice (kept once) or not at all (until the next listing).
 */
final class VsphereVmListing {

    private VsphereVmListing() {
    }

    static List<JsonObject> vms(VsphereAccount account, String datacenter, String kind) {
        Map<String, JsonObject> vms = new LinkedHashMap<>();
        for (JsonElement host : array(account.get("list hosts", kind, datacenter, "/api/vcenter/host?datacenters="
                + query(datacenter)))) {
            for (JsonElement vm : array(account.get("list VMs", kind, datacenter, "/api/vcenter/vm?hosts="
                    + query(string(host, "host"))))) {
                vms.putIfAbsent(string(vm, "vm"), vm.getAsJsonObject());
            }
        }
        return new ArrayList<>(vms.values());
    }
}
