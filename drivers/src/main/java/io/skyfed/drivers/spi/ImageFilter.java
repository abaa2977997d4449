package io.skyfed.drivers.spi;

/** Narrows an image listing; a null field does not filter. */
public record ImageFilter(String ownerId, String architecture) {

    public static final ImageFilter ALL = new ImageFilter(null, null);

    public boolean matches(Image image) {
        return (ownerId == null || ownerId.equals(image.ownerId()))
                && (architecture == null || architecture.equals(image.architecture()));
    }
}
