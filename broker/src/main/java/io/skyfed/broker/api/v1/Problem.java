package io.skyfed.broker.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem body ({@code application/problem+json}). {@code type} is a stable URN clients can switch
 * on; {@code errors} lists each rejected field. Problems never quote rejected values, which may be secrets.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One rejected input: a dotted path into the body (or a query parameter's name) and why. */
    public record FieldError(String field, String message) {
    }
}
