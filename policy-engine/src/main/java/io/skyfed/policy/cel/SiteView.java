package io.skyfed.policy.cel;

import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Site;

/**
 * A site as the CEL struct {@code skyfed.Site}, as the snapshot gives it: {@code used}, {@code free} and
 * {@code utilisation} are the snapshot's figures. Rules are pure functions of the snapshot, which is what lets
 * their results be memoised; capacity taken by the batch itself is accounted by the built-in plugins.
 */
public final class SiteView extends StructView {

    private final Site site;
    private final Resources used;

    public SiteView(Site site) {
        super(Schemas.SITE);
        this.site = site;
        this.used = site.used();
    }

    @Override
    protected Object field(String name) {
        return switch (name) {
            case "id" -> site.id();
            case "kind" -> site.onPremise() ? "onPremise" : "public";
            case "onPremise" -> site.onPremise();
            case "provider" -> site.provider();
            case "region" -> site.region();
            case "zone" -> site.zone();
            case "jurisdiction" -> site.jurisdiction();
            case "certifications" -> site.certifications();
            case "tags" -> site.tags();
            case "latencyMs" -> site.latencyMs();
            case "imageFormats" -> site.imageFormats();
            case "capacity" -> new ResourcesView(site.capacity());
            case "used" -> new ResourcesView(used);
            case "free" -> new ResourcesView(site.capacity().minusFloored(used));
            case "utilisation" -> Resources.utilisation(used, site.capacity());
            case "prices" -> new PricesView(site.prices());
            case "bandwidthMbps" -> site.bandwidthMbps();
            default -> site.drained();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiteView v && v.site.equals(site);
    }

    @Override
    public int hashCode() {
        return site.id().hashCode();
    }
}
