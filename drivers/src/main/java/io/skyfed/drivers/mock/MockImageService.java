package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageService;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;

/** Captures instances as images; deleting an image leaves instances made from it running, as in EC2. */
final class MockImageService implements ImageService {

    private final MockCloud cloud;
    private final MockSession session;
    private final String user;

    MockImageService(MockCloud cloud, MockSession session, String user) {
        this.cloud = cloud;
        this.session = session;
        this.user = user;
    }

    @Override
    public Image createFromInstance(String instanceId, String name, String description) {
        synchronized (cloud) {
            Instance instance = session.instance(instanceId);
            if (!instance.actions().contains(InstanceAction.CREATE_IMAGE)) {
                throw new InvalidStateException("instance " + instanceId + " cannot be captured while " + instance.state());
            }
            Image source = cloud.images.get(instance.imageId());
            String id = cloud.nextId("img", cloud.images);
            Image image = new Image(id, name == null || name.isBlank() ? id : name,
                    description == null ? "Image of " + instanceId : description, user,
                    source == null ? "x86_64" : source.architecture(), "AVAILABLE",
                    source == null ? MockSeed.profilesFor("x86_64") : source.hardwareProfileIds(), cloud.now());
            cloud.images.put(id, image);
            return image;
        }
    }

    @Override
    public void delete(String imageId) {
        synchronized (cloud) {
            if (cloud.images.remove(imageId) == null) {
                throw new NotFoundException("image", imageId);
            }
            cloud.disks.images().remove(imageId);
        }
    }
}
