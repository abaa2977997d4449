package io.skyfed.policy.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a site's capacity comes from: the enterprise's own or a public cloud's. */
public enum SiteKind {
    @JsonProperty("onPremise") ON_PREMISE,
    @JsonProperty("public") PUBLIC;
}
