package io.skyfed.policy.decision;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For every site that did not admit a workload, the filters that rejected it. Kept compact (for each filter that
 * took part, the bitset of sites it admitted) and expanded to names only when read, since a fleet of 1,000 sites
 * is common and a batch holds one of these per workload.
 */
public final class Rejections {

    private final String[] siteIds;
    private final String[] filterNames;
    private final long[][] admitted;

    /**
     * @param siteIds     site ids by index
     * @param filterNames the filters that took part, parallel to {@code admitted}
     * @param admitted    for each filter, bit s set when it admitted site s
     */
    public Rejections(String[] siteIds, String[] filterNames, long[][] admitted) {
        this.siteIds = siteIds;
        this.filterNames = filterNames;
        this.admitted = admitted;
    }

    /** Site id to the names of the filters that rejected it, in site order. */
    @JsonValue
    public Map<String, List<String>> bySite() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int s = 0; s < siteIds.length; s++) {
            List<String> names = of(s);
            if (!names.isEmpty()) {
                out.put(siteIds[s], names);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The filters that rejected one site (empty if it was admitted). */
    public List<String> of(String siteId) {
        for (int s = 0; s < siteIds.length; s++) {
            if (siteIds[s].equals(siteId)) {
                return of(s);
            }
        }
        return List.of();
    }

    private List<String> of(int site) {
        List<String> names = new ArrayList<>(2);
        for (int f = 0; f < filterNames.length; f++) {
            if ((admitted[f][site >>> 6] & (1L << site)) == 0) {
                names.add(filterNames[f]);
            }
        }
        return names.isEmpty() ? List.of() : Collections.unmodifiableList(names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rejections r && r.bySite().equals(bySite());
    }

    @Override
    public int hashCode() {
        return bySite().hashCode();
    }

    @Override
    public String toString() {
        return bySite().toString();
    }
}
