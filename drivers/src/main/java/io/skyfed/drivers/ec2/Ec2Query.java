package io.skyfed.drivers.ec2;

import io.skyfed.drivers.resilience.RemoteProtocolException;
import io.skyfed.drivers.resilience.RemoteTimeoutException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jclouds.aws.filters.FormSignerV4;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The EC2 Query API for the actions jclouds 2.7.0 does not have (ImportImage, CreateInstanceExportTask and their
 * Describe calls). Requests are signed by jclouds' own SigV4 form signer, taken from the provider's jclouds
 * injector, so there is one signing implementation and one set of credentials; errors are read from EC2's error
 * document and mapped by code like every other EC2 failure.
 */
final class Ec2Query {

    /** The Query API version whose request and response formats the driver speaks (as jclouds' EC2 API). */
    static final String VERSION = "2016-11-15";

    private final URI endpoint;
    private final FormSignerV4 signer;
    private final HttpClient http;
    private final java.time.Duration timeout;

    Ec2Query(Ec2Settings settings, FormSignerV4 signer) {
        this.endpoint = settings.endpoint()
                .orElse(URI.create("https://ec2." + settings.region() + ".amazonaws.com/"));
        this.signer = signer;
        this.timeout = settings.socketTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Sends one action and returns its response document; failures are Remote*Exceptions for the guard. */
    Element call(String action, Map<String, String> parameters) {
        org.jclouds.http.HttpRequest.Builder<?> form = org.jclouds.http.HttpRequest.builder()
                .method("POST").endpoint(path()).addHeader("Host", hostHeader())
                .addFormParam("Action", action).addFormParam("Version", VERSION);
        parameters.forEach(form::addFormParam);
        org.jclouds.http.HttpRequest signed = signer.filter(form.build());
        String body = signed.getPayload().getRawContent().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(path()).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/x-www-form-urlencoded");
        signed.getHeaders().entries().stream().filter(h -> !h.getKey().equalsIgnoreCase("Host"))
                .forEach(h -> request.header(h.getKey(), h.getValue()));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new RemoteTimeoutException(action + ": no answer in time", e);
        } catch (IOException e) {
            throw new RemoteUnavailableException(action + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteUnavailableException(action + ": interrupted", e);
        }
        Element root = parse(action, response.body());
        if (response.statusCode() >= 300) {
            String code = text(root, "Code");
            if (code == null) {
                throw new RemoteUnavailableException(action + ": HTTP " + response.statusCode(), null);
            }
            throw Ec2Failures.fromCode(code, text(root, "Message"), response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), null);
        }
        return root;
    }

    /** The text of the first element called {@code name} below {@code parent}, or null. */
    static String text(Element parent, String name) {
        var nodes = parent.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    private URI path() {
        return endpoint.getPath().isEmpty() ? endpoint.resolve("/") : endpoint;
    }

    private String hostHeader() {
        return endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
    }

    private static Element parse(String action, byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // Answers are data: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new RemoteProtocolException(action + ": unreadable answer: " + e.getMessage(), e);
        }
    }
}
