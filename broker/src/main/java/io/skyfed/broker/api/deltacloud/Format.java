package io.skyfed.broker.api.deltacloud;

import java.util.Locale;

/** The two representations, chosen by {@code ?format=} or else the Accept header; XML unless JSON is preferred. */
enum Format {
    XML("application/xml"),
    JSON("application/json");

    /** Exactly this, without a charset: Deltacloud clients compare the header verbatim. */
    final String mediaType;

    Format(String mediaType) {
        this.mediaType = mediaType;
    }

    DocWriter writer(int expectedSize) {
        return this == XML ? new XmlDocWriter(expectedSize) : new JsonDocWriter(expectedSize);
    }

    /**
     * @param formatParameter the {@code format} query parameter, may be null
     * @param accept          the Accept header, may be null
     */
    static Format negotiate(String formatParameter, String accept) {
        if (formatParameter != null && !formatParameter.isBlank()) {
            return switch (formatParameter.trim().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "xml" -> XML;
                default -> throw DeltacloudException.badRequest("format", "format must be xml or json, not '"
                        + formatParameter + "'");
            };
        }
        return accept != null && quality(accept, "application/json") > quality(accept, "application/xml") ? JSON : XML;
    }

    /** The q-value the Accept header gives {@code mediaType} by an exact match (wildcards favour neither). */
    private static double quality(String accept, String mediaType) {
        double best = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.trim().split(";");
            if (!parts[0].trim().equalsIgnoreCase(mediaType)) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            best = Math.max(best, q);
        }
        return best;
    }
}
