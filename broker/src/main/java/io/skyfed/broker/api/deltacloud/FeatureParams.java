package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.Feature;

import java.util.List;

/** How the entry point documents a feature: the operation it extends and the parameters it adds. */
record FeatureParams(String operation, List<String> params) {

    static FeatureParams of(Feature feature) {
        return switch (feature) {
            case INSTANCE_USER_NAME, IMAGE_USER_NAME -> new FeatureParams("create", List.of("name"));
            case INSTANCE_USER_DATA -> new FeatureParams("create", List.of("user_data"));
            case INSTANCE_AUTHENTICATION_KEY -> new FeatureParams("create", List.of("keyname"));
            case INSTANCE_AUTHENTICATION_PASSWORD -> new FeatureParams("create", List.of());
            case INSTANCE_FIREWALLS -> new FeatureParams("create", List.of("firewalls"));
            case INSTANCE_REALM_FILTER -> new FeatureParams("index", List.of("realm_id"));
            case INSTANCE_METRICS -> new FeatureParams("show", List.of());
            case IMAGE_USER_DESCRIPTION -> new FeatureParams("create", List.of("description"));
            case BUCKET_LOCATION -> new FeatureParams("create", List.of("bucket_location"));
        };
    }
}
