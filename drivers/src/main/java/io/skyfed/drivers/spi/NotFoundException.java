package io.skyfed.drivers.spi;

/** The requested resource does not exist (or is not visible to this account). HTTP 404. */
public class NotFoundException extends DriverException {

    private final String kind;
    private final String id;

    public NotFoundException(String kind, String id) {
        super(kind + " '" + id + "' not found", null);
        this.kind = kind;
        this.id = id;
    }

    /** What was looked for, e.g. "instance", "blob". */
    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
