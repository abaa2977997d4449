package io.skyfed.broker.api.v1;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The query string of an inventory listing: paging plus equality filters (and {@code q}, a case-insensitive
 * name search). Unknown or repeated parameters are rejected rather than silently ignored.
 */
record InventoryQuery(PageRequest page, Map<String, String> filters) {

    static final Set<String> PAGING = Set.of("limit", "cursor");
    static final Set<String> COMMON_FILTERS = Set.of("provider", "location", "q");

    static InventoryQuery parse(MultivaluedMap<String, String> query, Set<String> extraFilters) {
        Set<String> allowed = new TreeSet<>(PAGING);
        allowed.addAll(COMMON_FILTERS);
        allowed.addAll(extraFilters);
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, String> filters = new TreeMap<>();
        query.forEach((name, values) -> {
            if (!allowed.contains(name)) {
                errors.add(new Problem.FieldError(name, "unknown parameter; known: " + String.join(", ", allowed)));
            } else if (values.size() > 1) {
                errors.add(new Problem.FieldError(name, "given more than once"));
            } else if (!PAGING.contains(name)) {
                filters.put(name, values.get(0));
            }
        });
        String location = filters.get("location");
        if (location != null && !location.equals("on-premise") && !location.equals("public")) {
            errors.add(new Problem.FieldError("location", "must be on-premise or public"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "invalid query parameters", errors);
        }
        return new InventoryQuery(PageRequest.parse(query.getFirst("limit"), query.getFirst("cursor")), filters);
    }

    /** Whether {@code value} passes the equality filter {@code name} (absent filters pass everything). */
    boolean matches(String name, String value) {
        String wanted = filters.get(name);
        return wanted == null || wanted.equals(value);
    }

    /** Whether {@code name} contains the {@code q} search, ignoring case. */
    boolean matchesSearch(String itemName) {
        String q = filters.get("q");
        return q == null || (itemName != null
                && itemName.toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT)));
    }
}
