package io.skyfed.broker.api.deltacloud;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parameters of one Deltacloud call, wherever the client put them: matrix parameters of the last path segment
 * ({@code /images;instance_id=inst1}), the query string, or a form body. A later source wins.
 */
final class RequestParams {

    private static final Pattern DIGITS = Pattern.compile("-?\\d{1,9}");

    private final Map<String, String> values;

    private RequestParams(Map<String, String> values) {
        this.values = values;
    }

    static RequestParams of(Map<String, String> values) {
        return new RequestParams(new LinkedHashMap<>(values));
    }

    /**
     * @param rawPath     the request path, undecoded, with matrix parameters
     * @param rawQuery    the query string, may be null
     * @param contentType the body's type, may be null
     * @param body        the body, may be null
     */
    static RequestParams parse(String rawPath, String rawQuery, String contentType, String body) {
        Map<String, String> values = new LinkedHashMap<>();
        values.putAll(MatrixParams.ofLastSegment(rawPath));
        if (rawQuery != null && !rawQuery.isEmpty()) {
            addDecoded(values, rawQuery);
        }
        if (body != null && !body.isBlank()) {
            if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                throw new DeltacloudException(415, "send parameters as application/x-www-form-urlencoded, not " + contentType,
                        null, null);
            }
            addDecoded(values, body.trim());
        }
        return new RequestParams(values);
    }

    private static void addDecoded(Map<String, String> values, String encoded) {
        new QueryStringDecoder(encoded, StandardCharsets.UTF_8, false).parameters()
                .forEach((name, list) -> values.put(name, list.get(list.size() - 1)));
    }

    /** The value, or null when absent or blank. */
    String optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw DeltacloudException.badRequest(name, "parameter '" + name + "' is required");
        }
        return value;
    }

    Integer optionalInt(String name) {
        String value = optional(name);
        if (value == null) {
            return null;
        }
        if (!DIGITS.matcher(value.trim()).matches()) {
            throw DeltacloudException.badRequest(name, "parameter '" + name + "' must be an integer, not '" + value + "'");
        }
        return Integer.parseInt(value.trim());
    }

    int requiredInt(String name) {
        required(name);
        return optionalInt(name);
    }

    /** The values of {@code prefix1}, {@code prefix2}, ... in order, as Deltacloud numbers repeated parameters. */
    List<String> numbered(String prefix) {
        List<String> result = new ArrayList<>();
        for (int i = 1; ; i++) {
            String value = optional(prefix + i);
            if (value == null) {
                return result;
            }
            result.add(value);
        }
    }

    /** Every parameter named {@code prefix + x}, keyed by x (e.g. {@code hwp_memory=8192} gives memory). */
    Map<String, String> withPrefix(String prefix) {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length() && value != null && !value.isBlank()) {
                result.put(name.substring(prefix.length()), value);
            }
        });
        return result;
    }
}
