package io.skyfed.drivers.spi;

import java.util.Objects;

/** A storage volume attached to an instance at {@code device} (may be null when the provider does not say). */
public record VolumeAttachment(String volumeId, String instanceId, String device) {

    public VolumeAttachment {
        Objects.requireNonNull(volumeId, "volumeId");
        Objects.requireNonNull(instanceId, "instanceId");
    }
}
