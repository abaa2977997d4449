package io.skyfed.policy.cel;

import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Site;

/** A site as the CEL struct {@code skyfed.Site}, with its use as accounted so far in the current batch. */
public final class SiteView extends StructView {

    private final Site site;
    private final Resources used;

    public SiteView(Site site, Resources used) {
        super(Schemas.SITE);
        this.site = site;
        this.used = used;
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
        return o instanceof SiteView v && v.site.equals(site) && v.used.equals(used);
    }

    @Override
    public int hashCode() {
        return site.id().hashCode();
    }
}
