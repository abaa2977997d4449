package io.skyfed.drivers.google;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What instances.insert is sent: boot image, machine type, login key, user data, network tags of firewalls. */
class GoogleInstanceCreateTest {

    private static final GoogleStubs STUBS = new GoogleStubs();
    private static final String INSTANCES_B = "/compute/v1/projects/" + GceFake.PROJECT
            + "/zones/us-central1-b/instances";

    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = new GoogleDriverFactory().connect(STUBS.credentials(), STUBS.settings("google-create", Map.of()));
    }

    private static JsonObject onlyInsertBody() {
        var inserts = STUBS.server.findAll(postRequestedFor(urlPathEqualTo(INSTANCES_B)));
        assertThat(inserts).hasSize(1);
        return JsonParser.parseString(inserts.get(0).getBodyAsString()).getAsJsonObject();
    }

    private static String metadata(JsonObject body, String key) {
        return GoogleJson.metadata(body.getAsJsonObject("metadata"), key).orElse(null);
    }

    @Test
    void sendsKeyStartupScriptAndFirewallTags() {
        byte[] script = "#!/bin/sh\necho hello > /tmp/hello\n".getBytes(StandardCharsets.UTF_8);
        Instance created = session.createInstance(new InstanceSpec("skyfed-base", "us-central1-b", "n2-standard-4",
                Map.of("cpu", "4"), "app-1", "ops", script, List.of("allow-web", "allow-internal")));
        try {
            JsonObject body = onlyInsertBody();
            assertThat(body.get("name").getAsString()).isEqualTo("app-1");
            assertThat(body.get("machineType").getAsString())
                    .endsWith("/projects/skyfed-test/zones/us-central1-b/machineTypes/n2-standard-4");
            assertThat(body.getAsJsonArray("disks").get(0).getAsJsonObject().getAsJsonObject("initializeParams")
                    .get("sourceImage").getAsString()).endsWith("/projects/skyfed-test/global/images/skyfed-base");
            assertThat(metadata(body, "ssh-keys")).startsWith("ops:ssh-rsa ");
            assertThat(metadata(body, "startup-script")).isEqualTo(new String(script, StandardCharsets.UTF_8));
            assertThat(metadata(body, "user-data")).isNull();
            assertThat(body.getAsJsonObject("tags").getAsJsonArray("items")).containsExactly(
                    JsonParser.parseString("\"web\""));

            assertThat(created.keyName()).isEqualTo("ops");
            assertThat(created.firewallIds()).containsExactly("allow-web", "allow-internal");
            assertThat(created.imageId()).isEqualTo("skyfed-base");
            assertThat(created.realmId()).isEqualTo("us-central1-b");
            assertThat(created.profile().hardwareProfileId()).isEqualTo("n2-standard-4");
        } finally {
            session.destroy(created.id());
        }
    }

    @Test
    void cloudConfigGoesToCloudInit() {
        byte[] config = "#cloud-config\npackages: [nginx]\n".getBytes(StandardCharsets.UTF_8);
        Instance created = session.createInstance(new InstanceSpec("skyfed-base", "us-central1-b", null, Map.of(),
                null, null, config, List.of()));
        try {
            JsonObject body = onlyInsertBody();
            assertThat(metadata(body, "user-data")).startsWith("#cloud-config");
            assertThat(metadata(body, "startup-script")).isNull();
            assertThat(body.has("tags")).isFalse();
            assertThat(created.id()).startsWith("skyfed-");
            assertThat(created.profile().hardwareProfileId()).isEqualTo("e2-small");
        } finally {
            session.destroy(created.id());
        }
    }

    @Test
    void refusesUnknownFirewallsKeysAndTakenNamesAndCreatesNothing() {
        int before = STUBS.gce.instanceCount();
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec("skyfed-base", "us-central1-b", null,
                Map.of(), null, null, null, List.of("no-such-firewall"))))
                .isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("firewalls");
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec("skyfed-base", "us-central1-b", null,
                Map.of(), null, "nobody", null, List.of())))
                .isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("keyname");
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec("skyfed-base", "us-central1-b", null,
                Map.of("memory", "1"), null, null, null, List.of())))
                .isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("hwp_memory");
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(INSTANCES_B)))).isEmpty();

        assertThatThrownBy(() -> session.createInstance(new InstanceSpec("skyfed-base", "us-central1-a", null,
                Map.of(), "web-1", null, null, List.of())))
                .isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("name");
        assertThat(STUBS.gce.instanceCount()).isEqualTo(before);
    }
}
