package io.skyfed.broker.api.deltacloud;

import java.util.zip.CRC32C;

/** A rendered document with its entity tag (a checksum of the bytes: equal bodies, equal tags). */
record Rendered(Format format, byte[] body, String etag) {

    static Rendered of(Format format, byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return new Rendered(format, body, "\"" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(body.length) + "\"");
    }

    /** Whether an If-None-Match header names this representation. */
    boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
