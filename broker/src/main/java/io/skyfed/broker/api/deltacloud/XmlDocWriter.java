package io.skyfed.broker.api.deltacloud;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/** The XML representation, through the platform's StAX writer (which escapes text and attributes). */
final class XmlDocWriter implements DocWriter {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    /** An open element, or an inline list (which has no element of its own) naming its items. */
    private record Frame(boolean element, String itemName) {
    }

    private final ByteArrayOutputStream out;
    private final XMLStreamWriter xml;
    private final Deque<Frame> frames = new ArrayDeque<>();

    XmlDocWriter(int expectedSize) {
        out = new ByteArrayOutputStream(expectedSize);
        try {
            xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot create an XML writer", e);
        }
    }

    @Override
    public void startObject(String name) {
        open(name, null);
    }

    @Override
    public void attribute(String name, String value) {
        run(() -> xml.writeAttribute(name, value));
    }

    @Override
    public void element(String name, String text) {
        run(() -> {
            xml.writeStartElement(name);
            xml.writeCharacters(text);
            xml.writeEndElement();
        });
    }

    @Override
    public void text(String text) {
        run(() -> xml.writeCharacters(text));
    }

    @Override
    public void startList(String name, String itemName) {
        open(name, itemName);
    }

    @Override
    public void startInlineList(String jsonName, String itemName) {
        frames.push(new Frame(false, itemName));
    }

    @Override
    public void startItem() {
        Frame list = frames.peek();
        if (list == null || list.itemName() == null) {
            throw new IllegalStateException("an item outside a list");
        }
        open(list.itemName(), null);
    }

    @Override
    public void end() {
        if (frames.pop().element()) {
            run(xml::writeEndElement);
        }
    }

    @Override
    public byte[] finish() {
        run(() -> {
            xml.writeEndDocument();
            xml.close();
        });
        return out.toByteArray();
    }

    private void open(String name, String itemName) {
        run(() -> xml.writeStartElement(name));
        frames.push(new Frame(true, itemName));
    }

    private interface XmlAction {
        void run() throws XMLStreamException;
    }

    private static void run(XmlAction action) {
        try {
            action.run();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
    }
}
