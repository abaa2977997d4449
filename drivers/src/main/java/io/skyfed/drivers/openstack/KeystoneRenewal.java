package io.skyfed.drivers.openstack;

import java.lang.reflect.Field;

/**
 * jclouds re-authenticates when Nova answers 401 (an expired token) and repeats the call, up to a retry count held
 * in a static field of its RetryOnRenew handler (5, with exponential backoff) that no property reaches. Five
 * rounds turn refused credentials into a 15-second stall far beyond the guard's timeout; one renewal is all an
 * expired token needs, so the driver sets the count to one.
 */
final class KeystoneRenewal {

    private static final String HANDLER = "org.jclouds.openstack.keystone.auth.handlers.RetryOnRenew";

    private KeystoneRenewal() {
    }

    static synchronized void limitToOneRenewal() {
        try {
            Field retries = Class.forName(HANDLER).getDeclaredField("NUM_RETRIES");
            retries.setAccessible(true);
            retries.setInt(null, 1);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A jclouds without that field renews as it sees fit; the guard's timeout still bounds each call.
            System.getLogger(KeystoneRenewal.class.getName()).log(System.Logger.Level.WARNING,
                    "could not limit jclouds' Keystone renewal retries: " + e);
        }
    }
}
