package io.skyfed.policy.decision;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For every site that did not admit a workload, the filters that rejected it. Kept compact (site index and a
 * bit per filter) and expanded to names only when read, since a fleet of 1,000 sites is common.
 */
public final class Rejections {

    public static final Rejections NONE = new Rejections(new String[0], new String[0], new int[0], new long[0], 0);

    private final String[] siteIds;
    private final String[] filterNames;
    private final int[] sites;
    private final long[] masks;
    private final int count;

    public Rejections(String[] siteIds, String[] filterNames, int[] sites, long[] masks, int count) {
        this.siteIds = siteIds;
        this.filterNames = filterNames;
        this.sites = sites;
        this.masks = masks;
        this.count = count;
    }

    public int size() {
        return count;
    }

    /** Site id to the names of the filters that rejected it, in site order. */
    @JsonValue
    public Map<String, List<String>> bySite() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            List<String> names = new ArrayList<>(Long.bitCount(masks[i]));
            for (int f = 0; f < filterNames.length; f++) {
                if ((masks[i] & (1L << f)) != 0) {
                    names.add(filterNames[f]);
                }
            }
            out.put(siteIds[sites[i]], Collections.unmodifiableList(names));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The filters that rejected one site (empty if it was admitted). */
    public List<String> of(String siteId) {
        return bySite().getOrDefault(siteId, List.of());
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
