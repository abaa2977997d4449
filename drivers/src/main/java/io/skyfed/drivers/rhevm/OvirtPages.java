package io.skyfed.drivers.rhevm;

import static io.skyfed.drivers.rhevm.OvirtJson.items;
import static io.skyfed.drivers.rhevm.OvirtJson.required;

import com.google.gson.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a whole collection page by page. The engine answers a list without {@code max} with every item: for
 * thousands of VMs or disks, one answer of many megabytes. Each page is the search {@code sortby name asc page N}
 * with {@code max} = page-size (a sort makes pages stable); a page shorter than that is the last. An item met on
 * two pages (renamed in between) is kept once. Only for collections whose list the REST API v4 documents
 * {@code search} and {@code max} for, and whose search language knows {@code name}: vms, templates, hosts, disks.
 */
final class OvirtPages {

    private OvirtPages() {
    }

    /**
     * @param collection the collection's path, {@code /vms}
     * @param type       its items' type, {@code vm}
     * @param follow     what to inline ({@code statistics}), or null
     */
    static List<JsonObject> all(RhevmAccount account, String operation, String kind, String collection, String type,
                                String follow) {
        int size = account.settings.pageSize();
        Map<String, JsonObject> found = new LinkedHashMap<>();
        for (int page = 1; ; page++) {
            String search = URLEncoder.encode("sortby name asc page " + page, StandardCharsets.UTF_8);
            List<JsonObject> items = items(account.get(operation, kind, null, collection + "?search=" + search
                    + "&max=" + size + (follow == null ? "" : "&follow=" + follow)), type);
            items.forEach(item -> found.putIfAbsent(required(item, "id"), item));
            if (items.size() < size) {
                return new ArrayList<>(found.values());
            }
        }
    }
}
