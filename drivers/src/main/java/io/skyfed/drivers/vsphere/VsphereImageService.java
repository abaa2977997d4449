package io.skyfed.drivers.vsphere;

import static io.skyfed.drivers.vsphere.VsphereJson.array;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageService;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.util.Optional;
import java.util.UUID;

/**
 * Images from instances: the VM is cloned into a VM template in the provider's content library
 * ({@code POST /api/vcenter/vm-template/library-items}); images are deleted as library items. The create takes no
 * Client-Token, but item names are unique in a library: a create that fails without an answer is looked up by name
 * instead of being repeated.
 */
final class VsphereImageService implements ImageService {

    private final VsphereAccount account;
    private final VsphereSession session;
    private final String library;

    VsphereImageService(VsphereAccount account, VsphereSession session, String library) {
        this.account = account;
        this.session = session;
        this.library = library;
    }

    @Override
    public Image createFromInstance(String instanceId, String name, String description) {
        Instance instance = session.instance(instanceId);
        String itemName = name != null ? name : instance.name() + "-image-" + UUID.randomUUID().toString()
                .substring(0, 8);
        if (itemName.isBlank() || itemName.length() > 80 || itemName.startsWith(VsphereDiskTransfer.EXPORT_PREFIX)) {
            throw new InvalidArgumentException("name", "an image name is 1 to 80 characters and does not start with "
                    + VsphereDiskTransfer.EXPORT_PREFIX);
        }
        if (findByName(itemName).isPresent()) {
            throw new InvalidArgumentException("name", "the library already holds an item named '" + itemName + "'");
        }
        JsonObject spec = new JsonObject();
        spec.addProperty("source_vm", instanceId);
        spec.addProperty("name", itemName);
        spec.addProperty("library", library);
        if (description != null) {
            spec.addProperty("description", description);
        }
        String item;
        try {
            item = account.write("create VM template", "instance", instanceId, "POST",
                    "/api/vcenter/vm-template/library-items", spec).getAsString();
        } catch (ProviderUnavailableException lostAnswer) {
            item = findByName(itemName).orElseThrow(() -> lostAnswer);
        }
        return session.image(item);
    }

    private Optional<String> findByName(String name) {
        JsonObject find = new JsonObject();
        find.addProperty("name", name);
        find.addProperty("library_id", library);
        return array(account.read("find library item by name", "image", name, "POST",
                "/api/content/library/item?action=find", find)).asList().stream().map(JsonElement::getAsString)
                .findFirst();
    }

    @Override
    public void delete(String imageId) {
        Image image = session.image(imageId);
        if (!library.equals(image.ownerId())) {
            throw new NotFoundException("image", imageId);
        }
        try {
            account.read("delete library item", "image", imageId, "DELETE", "/api/content/library/item/" + imageId,
                    null);
        } catch (NotFoundException alreadyGone) {
            // A retried delete whose first answer was lost: the item is gone, as asked.
        }
    }
}
