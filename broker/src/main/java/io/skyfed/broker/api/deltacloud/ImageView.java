package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.Image;

final class ImageView {

    private ImageView() {
    }

    static void write(DocWriter w, Links links, Image image, boolean deletable) {
        w.startObject("image");
        w.attribute("href", links.member("images", image.id()));
        w.attribute("id", image.id());
        w.element("name", image.name());
        w.element("description", image.description());
        w.element("owner_id", nullToEmpty(image.ownerId()));
        w.element("architecture", nullToEmpty(image.architecture()));
        w.element("state", image.state());
        w.optionalElement("creation_time", image.createdAt());
        w.startList("hardware_profiles", "hardware_profile");
        for (String profile : image.hardwareProfileIds()) {
            w.startItem();
            w.attribute("href", links.member("hardware_profiles", profile));
            w.attribute("id", profile);
            w.attribute("rel", "hardware_profile");
            w.end();
        }
        w.end();
        ActionLink.writeAll(w,
                new ActionLink("create_instance", "post", links.collection("instances") + ";image_id=" + Links.segment(image.id())),
                deletable ? new ActionLink("destroy_image", "delete", links.member("images", image.id())) : null);
        w.end();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
