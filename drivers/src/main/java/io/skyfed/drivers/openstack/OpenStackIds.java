package io.skyfed.drivers.openstack;

import java.util.regex.Pattern;

/** OpenStack resource ids (UUIDs, with or without dashes): anything else cannot name a resource and is not sent. */
final class OpenStackIds {

    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{32,36}");

    private OpenStackIds() {
    }

    static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
