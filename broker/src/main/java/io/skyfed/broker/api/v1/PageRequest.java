package io.skyfed.broker.api.v1;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset paging over a listing sorted by a unique string key: the cursor is the opaque (base64url) key of the
 * last item served, so pages stay stable while items are added or removed.
 */
public record PageRequest(int limit, String afterKey) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Parses the raw query parameters, with a problem naming the parameter when one is wrong. */
    public static PageRequest parse(String limit, String cursor) {
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ProblemException.invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
            }
        }
        String after = null;
        if (cursor != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API returned");
            }
            if (!after.startsWith("k:")) {
                throw ProblemException.invalid("cursor", "is not a cursor this API returned");
            }
            after = after.substring(2);
        }
        return new PageRequest(size, after);
    }

    /** The page of {@code sorted} (ascending by {@code key}) that follows the cursor. */
    public <T> Page<T> apply(List<T> sorted, Function<T, String> key) {
        int from = 0;
        if (afterKey != null) {
            while (from < sorted.size() && key.apply(sorted.get(from)).compareTo(afterKey) <= 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + limit);
        List<T> items = List.copyOf(sorted.subList(from, to));
        String next = to < sorted.size() ? encode(key.apply(items.get(items.size() - 1))) : null;
        return new Page<>(items, next);
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("k:" + key).getBytes(StandardCharsets.UTF_8));
    }
}
