package io.skyfed.broker.security;

import io.skyfed.drivers.spi.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Reads an HTTP Basic {@code Authorization} header (RFC 7617). */
public final class BasicAuthorization {

    private BasicAuthorization() {
    }

    /** The user and password of the header; empty when there is none or it is malformed. */
    public static Optional<Credentials> parse(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
                : Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
