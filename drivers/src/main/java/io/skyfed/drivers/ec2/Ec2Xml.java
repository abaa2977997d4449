package io.skyfed.drivers.ec2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reading EC2 Query API answers by direct children: the same element names (groupId, item) occur at several depths
 * of one answer, so a document-wide search would pick the wrong one.
 */
final class Ec2Xml {

    private Ec2Xml() {
    }

    static Optional<Element> child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The text of the direct child {@code name}, or null when it is missing or empty. */
    static String text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim()).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** The {@code item} children of the direct child {@code set} (an EC2 list), empty when there is none. */
    static List<Element> items(Element parent, String set) {
        List<Element> items = new ArrayList<>();
        child(parent, set).ifPresent(s -> {
            for (Node n = s.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && "item".equals(e.getTagName())) {
                    items.add(e);
                }
            }
        });
        return items;
    }
}
