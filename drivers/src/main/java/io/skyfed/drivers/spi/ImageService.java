package io.skyfed.drivers.spi;

/** Creating images from instances and deleting images (the writable half of {@link CollectionKind#IMAGES}). */
public interface ImageService {

    /**
     * Captures {@code instanceId}'s disk as a new image.
     *
     * @param name        null lets the driver choose
     * @param description may be null
     * @throws NotFoundException      when the instance does not exist
     * @throws InvalidStateException  when the instance cannot be captured in its state
     */
    Image createFromInstance(String instanceId, String name, String description);

    /** @throws NotFoundException when there is no such image */
    void delete(String imageId);
}
