package io.skyfed.drivers.spi;

/** Optional Deltacloud features, each belonging to one collection (rendered as {@code <feature name=...>}). */
public enum Feature {
    /** Instances can be given a name at creation. */
    INSTANCE_USER_NAME(CollectionKind.INSTANCES, "user_name"),
    /** Instances accept user data (cloud-init) at creation. */
    INSTANCE_USER_DATA(CollectionKind.INSTANCES, "user_data"),
    /** Instances can be created with a named key pair. */
    INSTANCE_AUTHENTICATION_KEY(CollectionKind.INSTANCES, "authentication_key"),
    /** Instances come up with a generated password. */
    INSTANCE_AUTHENTICATION_PASSWORD(CollectionKind.INSTANCES, "authentication_password"),
    /** Instances can be placed in firewalls at creation. */
    INSTANCE_FIREWALLS(CollectionKind.INSTANCES, "firewalls"),
    /** Instances can be listed per realm. */
    INSTANCE_REALM_FILTER(CollectionKind.INSTANCES, "realm_filter"),
    /** Instances report metrics. */
    INSTANCE_METRICS(CollectionKind.INSTANCES, "metrics"),
    /** Images created from instances can be named. */
    IMAGE_USER_NAME(CollectionKind.IMAGES, "user_name"),
    /** Images created from instances can be described. */
    IMAGE_USER_DESCRIPTION(CollectionKind.IMAGES, "user_description"),
    /** Buckets can be created in a chosen location. */
    BUCKET_LOCATION(CollectionKind.BUCKETS, "bucket_location");

    private final CollectionKind collection;
    private final String apiName;

    Feature(CollectionKind collection, String apiName) {
        this.collection = collection;
        this.apiName = apiName;
    }

    public CollectionKind collection() {
        return collection;
    }

    /** The feature's name in the Deltacloud API. */
    public String apiName() {
        return apiName;
    }
}
