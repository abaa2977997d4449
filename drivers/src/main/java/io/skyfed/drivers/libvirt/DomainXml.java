package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.resilience.RemoteProtocolException;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Writes the domain XML of a new instance and reads back what Skyfed recorded in a domain's {@code <metadata>}
 * (image, hardware profile, the disk volume it owns), so the driver keeps no state of its own.
 */
final class DomainXml {

    static final String NS = "https://skyfed.io/xmlns/libvirt/1";

    /** What Skyfed wrote into a domain it created; empty fields for domains created by others. */
    record Metadata(String imageId, String profileId, Map<String, String> overrides, String diskVolume) {
        static final Metadata NONE = new Metadata(null, null, Map.of(), null);
    }

    private DomainXml() {
    }

    static String forNewInstance(LibvirtSettings settings, String name, int vcpus, long memoryMb, String diskPath,
                                 String diskFormat, Metadata metadata) {
        StringBuilder xml = new StringBuilder()
                .append("<domain type='").append(settings.domainType()).append("'>")
                .append("<name>").append(name).append("</name>")
                .append("<metadata><skyfed:instance xmlns:skyfed='").append(NS).append("'>")
                .append("<skyfed:image>").append(escape(metadata.imageId())).append("</skyfed:image>")
                .append("<skyfed:profile>").append(escape(metadata.profileId())).append("</skyfed:profile>");
        metadata.overrides().forEach((k, v) -> xml.append("<skyfed:override name='").append(escape(k)).append("'>")
                .append(escape(v)).append("</skyfed:override>"));
        xml.append("<skyfed:disk>").append(escape(metadata.diskVolume())).append("</skyfed:disk>")
                .append("</skyfed:instance></metadata>")
                .append("<memory unit='MiB'>").append(memoryMb).append("</memory>")
                .append("<vcpu>").append(vcpus).append("</vcpu>")
                .append("<os><type arch='").append(settings.architecture()).append("'>hvm</type><boot dev='hd'/></os>")
                .append("<features><acpi/></features>")
                .append("<devices><disk type='file' device='disk'><driver name='qemu' type='").append(diskFormat)
                .append("'/><source file='").append(escape(diskPath)).append("'/><target dev='vda' bus='virtio'/>")
                .append("</disk>");
        settings.network().ifPresent(n -> xml.append("<interface type='network'><source network='").append(n)
                .append("'/><model type='virtio'/></interface>"));
        return xml.append("</devices></domain>").toString();
    }

    /** A file-backed disk of a domain: the file and the guest device it appears as (vda, vdb, ...). */
    record Disk(String source, String target) {
    }

    static List<Disk> disks(String domainXml) {
        List<Disk> disks = new ArrayList<>();
        NodeList nodes = parse(domainXml).getElementsByTagName("disk");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element disk = (Element) nodes.item(i);
            String source = attribute(disk, "source", "file");
            String target = attribute(disk, "target", "dev");
            if (source != null && target != null) {
                disks.add(new Disk(source, target));
            }
        }
        return disks;
    }

    /** The device XML that attaches a volume file as a virtio disk. */
    static String diskDevice(String path, String format, String target) {
        return "<disk type='file' device='disk'><driver name='qemu' type='" + escape(format) + "'/><source file='"
                + escape(path) + "'/><target dev='" + escape(target) + "' bus='virtio'/></disk>";
    }

    /** The domain definition with one more disk, for hypervisors that cannot hot-plug. */
    static String withDisk(String domainXml, String diskDevice) {
        Document doc = parse(domainXml);
        Element devices = (Element) doc.getElementsByTagName("devices").item(0);
        devices.appendChild(doc.importNode(parse(diskDevice).getDocumentElement(), true));
        return serialize(doc);
    }

    /** The domain definition without the disk backed by {@code source}. */
    static String withoutDisk(String domainXml, String source) {
        Document doc = parse(domainXml);
        NodeList nodes = doc.getElementsByTagName("disk");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element disk = (Element) nodes.item(i);
            if (source.equals(attribute(disk, "source", "file"))) {
                disk.getParentNode().removeChild(disk);
                break;
            }
        }
        return serialize(doc);
    }

    private static String attribute(Element parent, String child, String name) {
        NodeList nodes = parent.getElementsByTagName(child);
        if (nodes.getLength() == 0) {
            return null;
        }
        String value = ((Element) nodes.item(0)).getAttribute(name);
        return value.isEmpty() ? null : value;
    }

    private static String serialize(Document doc) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("domain XML could not be written back", e);
        }
    }

    static Metadata metadata(String domainXml) {
        Document doc = parse(domainXml);
        NodeList instances = doc.getElementsByTagNameNS(NS, "instance");
        if (instances.getLength() == 0) {
            return Metadata.NONE;
        }
        Element instance = (Element) instances.item(0);
        Map<String, String> overrides = new java.util.TreeMap<>();
        NodeList nodes = instance.getElementsByTagNameNS(NS, "override");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            overrides.put(e.getAttribute("name"), e.getTextContent());
        }
        return new Metadata(text(instance, "image").orElse(null), text(instance, "profile").orElse(null), overrides,
                text(instance, "disk").orElse(null));
    }

    private static Optional<String> text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(NS, name);
        if (nodes.getLength() == 0 || nodes.item(0).getTextContent().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(nodes.item(0).getTextContent().trim());
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new RemoteProtocolException("libvirt returned unreadable domain XML: " + e.getMessage(), e);
        }
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&apos;").replace("\"", "&quot;");
    }
}
