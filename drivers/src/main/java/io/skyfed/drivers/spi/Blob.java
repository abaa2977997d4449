package io.skyfed.drivers.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** An object's description (never its content): size, type, time of last change and user metadata. */
public record Blob(String id, String bucketId, long contentLength, String contentType, Instant lastModified,
                   Map<String, String> userMetadata) {

    public Blob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bucketId, "bucketId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(lastModified, "lastModified");
        userMetadata = Map.copyOf(userMetadata == null ? Map.of() : userMetadata);
    }
}
