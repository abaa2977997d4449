package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The image definition and the Deployment agree on the user, the port and the base image being pinned. */
class ContainerImageTest {

    private static final Path CONTAINERFILE = Overlays.MODULE.resolve("../container/Containerfile").normalize();

    @Test
    void theImageRunsAsTheUserTheDeploymentRequires() throws IOException {
        JsonNode podContext = Mutations.brokerPodSpec(Overlays.prod()).path("securityContext");

        assertThat(instruction("USER")).isEqualTo(podContext.path("runAsUser").asText());
        assertThat(podContext.path("runAsUser").asInt()).isPositive();
    }

    @Test
    void theImageExposesTheBrokersContainerPort() throws IOException {
        JsonNode port = Mutations.brokerContainer(Overlays.prod()).path("ports").get(0).path("containerPort");

        assertThat(instruction("EXPOSE")).isEqualTo(port.asText());
    }

    @Test
    void theBaseImageIsPinned() throws IOException {
        Matcher base = Pattern.compile("(?m)^ARG BASE_IMAGE=(\\S+)$").matcher(Files.readString(CONTAINERFILE));

        assertThat(base.find()).as("ARG BASE_IMAGE=... in %s", CONTAINERFILE).isTrue();
        assertThat(ImageReference.unpinnedReason(base.group(1))).isEmpty();
    }

    private static String instruction(String keyword) throws IOException {
        List<String> values = Files.readAllLines(CONTAINERFILE).stream()
                .filter(line -> line.startsWith(keyword + " "))
                .map(line -> line.substring(keyword.length() + 1).strip())
                .toList();
        assertThat(values).as("%s instructions in %s", keyword, CONTAINERFILE).hasSize(1);
        return values.get(0);
    }
}
