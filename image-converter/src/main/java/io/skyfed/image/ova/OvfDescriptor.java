package io.skyfed.image.ova;

import io.skyfed.image.ImageFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** What a reader needs from an OVF descriptor: its file references and its disks (DSP0243, any 1.x/2.x namespace). */
record OvfDescriptor(Map<String, FileRef> files, List<Disk> disks) {

    record FileRef(String id, String href, long size) {
    }

    /** A disk; {@code capacityBytes} is -1 when the descriptor's units are not understood. */
    record Disk(String diskId, String fileRef, long capacityBytes, String format) {
    }

    private static final Pattern UNITS = Pattern.compile("byte(?:\\s*\\*\\s*2\\s*\\^\\s*(\\d{1,2}))?");

    static OvfDescriptor parse(byte[] xml, String where) throws ImageFormatException {
        Document doc;
        try {
            doc = builder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new ImageFormatException(where + ": OVF descriptor is not well-formed XML: " + e.getMessage());
        }
        Map<String, FileRef> files = new LinkedHashMap<>();
        NodeList fileNodes = doc.getElementsByTagNameNS("*", "File");
        for (int i = 0; i < fileNodes.getLength(); i++) {
            Element f = (Element) fileNodes.item(i);
            String id = attr(f, "id");
            String href = attr(f, "href");
            if (id == null || href == null) {
                throw new ImageFormatException(where + ": OVF File without id or href");
            }
            files.put(id, new FileRef(id, href, number(attr(f, "size"), where)));
        }
        List<Disk> disks = new ArrayList<>();
        NodeList diskNodes = doc.getElementsByTagNameNS("*", "Disk");
        for (int i = 0; i < diskNodes.getLength(); i++) {
            Element d = (Element) diskNodes.item(i);
            disks.add(new Disk(attr(d, "diskId"), attr(d, "fileRef"),
                    capacity(attr(d, "capacity"), attr(d, "capacityAllocationUnits"), where), attr(d, "format")));
        }
        return new OvfDescriptor(files, disks);
    }

    private static DocumentBuilder builder() throws ImageFormatException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new ImageFormatException("no safe XML parser: " + e.getMessage(), e);
        }
    }

    /** An attribute by local name, whatever namespace prefix the descriptor uses. */
    private static String attr(Element e, String localName) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            String name = attrs.item(i).getLocalName();
            if (localName.equals(name != null ? name : attrs.item(i).getNodeName())) {
                return attrs.item(i).getNodeValue();
            }
        }
        return null;
    }

    private static long number(String v, String where) throws ImageFormatException {
        if (v == null || v.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new ImageFormatException(where + ": OVF number '" + v + "' is not a number");
        }
    }

    private static long capacity(String value, String units, String where) throws ImageFormatException {
        long n = number(value, where);
        if (n < 0) {
            return -1;
        }
        Matcher m = UNITS.matcher(units == null ? "byte" : units.trim());
        if (!m.matches()) {
            return -1;
        }
        int shift = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        return shift > 62 || n > (Long.MAX_VALUE >> shift) ? -1 : n << shift;
    }
}
