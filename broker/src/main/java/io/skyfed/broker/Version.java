package io.skyfed.broker;

/** The API version Skyfed reports to Deltacloud clients. */
public final class Version {
    public static final String DELTACLOUD_API = "1.1.3";

    private Version() {
    }
}
