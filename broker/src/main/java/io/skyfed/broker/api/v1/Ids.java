package io.skyfed.broker.api.v1;

import java.util.List;
import java.util.UUID;

/** Path ids of the workflow API: a malformed id names nothing, so it answers 404 like an unknown one. */
final class Ids {

    private Ids() {
    }

    static UUID parse(String id, String what) {
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw new ProblemException(ProblemType.NOT_FOUND, "no " + what + " " + id.substring(0, Math.min(64, id.length())),
                List.of());
    }
}
