package io.skyfed.drivers.google;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallRuleSpec;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Firewalls as network tags: the GCE resources written, instances joining by tag, rules from other firewalls. */
class GoogleFirewallTest {

    private static final GoogleStubs STUBS = new GoogleStubs();
    private static final String FIREWALLS = "/compute/v1/projects/" + GceFake.PROJECT + "/global/firewalls";

    private DriverSession session;
    private FirewallService firewalls;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = new GoogleDriverFactory().connect(STUBS.credentials(), STUBS.settings("google-fw", Map.of()));
        firewalls = session.firewalls().orElseThrow();
    }

    private static List<JsonObject> inserted() {
        return STUBS.server.findAll(postRequestedFor(urlPathEqualTo(FIREWALLS))).stream()
                .map(r -> JsonParser.parseString(r.getBodyAsString()).getAsJsonObject()).toList();
    }

    @Test
    void aFirewallIsATagWithALowestPriorityDenyAllAndRulesThatAllowToTheTag() {
        firewalls.create("db", "databases");
        Firewall app = firewalls.create("app", "application servers");
        try {
            Firewall withRule = firewalls.addRule("db", new FirewallRuleSpec("tcp", 5432, 5432, List.of(),
                    List.of("app")));
            assertThat(withRule.description()).isEqualTo("databases");
            assertThat(withRule.rules()).singleElement().satisfies(rule -> {
                assertThat(rule.protocol()).isEqualTo("tcp");
                assertThat(rule.fromPort()).isEqualTo(5432);
                assertThat(rule.toPort()).isEqualTo(5432);
                assertThat(rule.sourceGroups()).containsExactly("app");
            });
            List<JsonObject> bodies = inserted();
            JsonObject marker = bodies.get(0);
            assertThat(marker.get("name").getAsString()).isEqualTo("db");
            assertThat(marker.get("priority").getAsInt()).isEqualTo(65535);
            assertThat(marker.getAsJsonArray("denied").get(0).getAsJsonObject().get("IPProtocol").getAsString())
                    .isEqualTo("all");
            JsonObject rule = bodies.get(2);
            assertThat(rule.getAsJsonArray("targetTags").get(0).getAsString()).isEqualTo("db");
            assertThat(rule.getAsJsonArray("sourceTags").get(0).getAsString()).isEqualTo("app");
            assertThat(rule.getAsJsonArray("allowed").get(0).getAsJsonObject().getAsJsonArray("ports").get(0)
                    .getAsString()).isEqualTo("5432");
            assertThat(firewalls.list()).extracting(Firewall::id).containsExactly("app", "db")
                    .as("GCE firewalls Skyfed did not make are not listed").doesNotContain("allow-web");
            assertThatThrownBy(() -> firewalls.addRule("db", new FirewallRuleSpec("tcp", 1, 2, List.of(),
                    List.of("no-such-group")))).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> firewalls.addRule("db", new FirewallRuleSpec("gre", 1, 2,
                    List.of("10.0.0.0/8"), List.of()))).isInstanceOf(InvalidArgumentException.class);
        } finally {
            firewalls.delete("db");
            firewalls.delete(app.id());
        }
        assertThat(firewalls.list()).isEmpty();
    }

    @Test
    void instancesJoinByTagAndKeepTheirFirewallFromBeingDeleted() {
        firewalls.create("web-tier", null);
        Instance instance = session.createInstance(new InstanceSpec("skyfed-base", "us-central1-a", null, Map.of(),
                "tagged-1", null, null, List.of("web-tier")));
        try {
            assertThat(instance.firewallIds()).containsExactly("web-tier");
            assertThatThrownBy(() -> firewalls.delete("web-tier")).isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("tagged-1");
        } finally {
            session.destroy(instance.id());
        }
        firewalls.delete("web-tier");
        assertThat(firewalls.list()).isEmpty();
    }
}
