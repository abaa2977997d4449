package io.skyfed.broker.api.v1;

/** The kinds of problem the native API reports, each with its HTTP status and a stable type URN. */
public enum ProblemType {
    INVALID_REQUEST(400, "The request is invalid"),
    UNAUTHENTICATED(401, "Authentication required"),
    FORBIDDEN(403, "Not allowed"),
    NOT_FOUND(404, "No such resource"),
    CONFLICT(409, "The request conflicts with the current state"),
    PRECONDITION_FAILED(412, "The resource changed since the client read it"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    URI_TOO_LONG(414, "The request line is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    HEADERS_TOO_LARGE(431, "The request headers are too large"),
    PROVIDER_UNAVAILABLE(502, "The provider did not answer as expected"),
    INTERNAL(500, "Internal error");

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String urn() {
        return "urn:skyfed:problem:" + name().toLowerCase().replace('_', '-');
    }
}
