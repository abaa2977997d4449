package io.skyfed.broker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.skyfed.broker.placement.Placement;
import io.skyfed.broker.placement.PlacementAdvisor;
import io.skyfed.broker.testing.Db;
import io.skyfed.broker.testing.OnPremiseLoad;
import io.skyfed.broker.workflow.MigrationRequest;
import io.skyfed.drivers.DriverRegistry;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The policy loop and placement advice over real inventory (two mock providers: one on premise whose vCPU use
 * the tests drive, one public), real workloads and tenants in PostgreSQL, and the audit log. Only the
 * workflows' Migrations port is a recording stand-in.
 */
@QuarkusTest
@TestProfile(PolicyLoopTest.Profile.class)
class PolicyLoopTest {

    static final String ON_PREMISE = "loop-onprem";
    static final String CLOUD = "loop-cloud";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("skyfed.policy.file",
                            Path.of("src/test/resources/policy/burst-at-85.yaml").toAbsolutePath().toString()),
                    Map.entry("skyfed.policy.providers", ON_PREMISE + "," + CLOUD),
                    Map.entry("skyfed.policy.sites." + CLOUD + ".vcpu-hour", "0.05"),
                    Map.entry("skyfed.providers." + ON_PREMISE + ".driver", "mock"),
                    Map.entry("skyfed.providers." + ON_PREMISE + ".location", "on-premise"),
                    Map.entry("skyfed.providers." + ON_PREMISE + ".user", "mockuser"),
                    Map.entry("skyfed.providers." + ON_PREMISE + ".secret", "mockpassword"),
                    Map.entry("skyfed.providers." + CLOUD + ".driver", "mock"),
                    Map.entry("skyfed.providers." + CLOUD + ".location", "public"),
                    Map.entry("skyfed.providers." + CLOUD + ".user", "mockuser"),
                    Map.entry("skyfed.providers." + CLOUD + ".secret", "mockpassword"),
                    Map.entry("quarkus.arc.selected-alternatives", RecordingMigrations.class.getName()));
        }
    }

    /** Instances this test class started on the on-premise mock, to raise and lower its use. */
    private static OnPremiseLoad load;

    @Inject
    PolicyLoop loop;

    @Inject
    PlacementAdvisor advisor;

    @Inject
    RecordingMigrations migrations;

    @Inject
    RecordedCapacityEvents capacityEvents;

    @Inject
    DriverRegistry drivers;

    @Test
    void burstsAPendingWorkloadWhenOnPremiseUtilisationRises() {
        UUID workload = pendingWorkload(tenant(null), 4);
        onPremiseUtilisation(0.5);
        TickReport cool = Db.await(() -> loop.tick(Map.of(), false));
        assertThat(cool.decisions().activeTriggers()).isEmpty();
        assertThat(migrations.of(workload)).isEmpty();
        assertThat(lastAudit(workload, "policy.place")).contains("place to " + ON_PREMISE);

        int eventsBefore = capacityEvents.of(ON_PREMISE).size();
        onPremiseUtilisation(0.9);
        assertThat(capacityEvents.of(ON_PREMISE)).hasSizeGreaterThan(eventsBefore);
        TickReport hot = Db.await(() -> loop.tick(Map.of(), false));

        assertThat(hot.decisions().activeTriggers()).containsExactly("on-prem-hot");
        assertThat(migrations.of(workload)).singleElement().satisfies(submission -> {
            assertThat(submission.request().mode()).isEqualTo(MigrationRequest.Mode.BURST);
            assertThat(submission.request().targetProvider()).isEqualTo(CLOUD);
            assertThat(submission.request().dryRun()).isFalse();
            assertThat(submission.request().reason()).contains("burst to " + CLOUD, "on-prem-hot");
            assertThat(submission.caller().subject()).isEqualTo("skyfed-system");
            assertThat(hot.submittedJobs()).contains(submission.job());
        });
        assertThat(lastAudit(workload, "policy.burst")).contains("burst to " + CLOUD, "on-prem-hot");
        assertThat(Db.scalar("select count(*) from audit_event where action = 'policy.burst' and target_id = '"
                + workload + "' and outcome = 'SUCCESS' and details->>'job' is not null", Long.class)).isEqualTo(1L);
    }

    @Test
    void aBurstThatWouldBreakTheTenantsBudgetIsNotSubmitted() {
        onPremiseUtilisation(0.9);
        // 4 vCPU at 0.05 an hour cost 0.20 an hour on the public site: about 146 a month.
        UUID poor = pendingWorkload(tenant("10.00"), 4);
        UUID rich = pendingWorkload(tenant("1000.00"), 4);

        Db.await(() -> loop.tick(Map.of(), false));

        assertThat(migrations.of(poor)).isEmpty();
        assertThat(lastAudit(poor, "policy.place")).contains("place to " + ON_PREMISE, CLOUD + " [tenant-quota]");
        assertThat(migrations.of(rich)).singleElement()
                .satisfies(s -> assertThat(s.request().targetProvider()).isEqualTo(CLOUD));
    }

    @Test
    void dryRunOnlyRecordsWhatItWouldDo() {
        onPremiseUtilisation(0.9);
        UUID workload = pendingWorkload(tenant(null), 2);

        TickReport report = Db.await(() -> loop.tick(Map.of(), true));

        assertThat(report.dryRun()).isTrue();
        assertThat(report.submittedJobs()).isEmpty();
        assertThat(migrations.of(workload)).isEmpty();
        assertThat(lastAudit(workload, "policy.burst")).startsWith("dry run, nothing submitted: burst to " + CLOUD);
        assertThat(Db.scalar("select count(*) from audit_event where action = 'policy.tick' and details->>'dryRun' = 'true'",
                Long.class)).isPositive();
    }

    @Test
    void placementAdviceNamesTheSiteAndExplainsIt() {
        UUID workload = pendingWorkload(tenant(null), 4);

        onPremiseUtilisation(0.5);
        Placement cool = Db.await(() -> advisor.advise(workload));
        assertThat(cool.provider()).isEqualTo(ON_PREMISE);
        assertThat(cool.explanation()).startsWith("place to " + ON_PREMISE).contains(CLOUD + " [burst-gate]");

        onPremiseUtilisation(0.9);
        Placement hot = Db.await(() -> advisor.advise(workload));
        assertThat(hot.provider()).isEqualTo(CLOUD);
        assertThat(hot.score()).isPositive();
        assertThat(hot.explanation()).startsWith("burst to " + CLOUD).contains("on-prem-hot", "headroom");

        Db.execute("update workload set state = 'DELETED' where id = '" + workload + "'");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Db.await(() -> advisor.advise(workload))))
                .hasMessageContaining(workload.toString());
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private void onPremiseUtilisation(double target) {
        if (load == null) {
            load = new OnPremiseLoad(drivers, ON_PREMISE, CLOUD);
        }
        load.utilisation(target);
    }

    private static String tenant(String monthlyBudget) {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Db.execute("insert into tenant (id, name, display_name, monthly_budget, budget_currency) values ('"
                + UUID.randomUUID() + "', '" + name + "', '" + name + "', "
                + (monthlyBudget == null ? "null, null" : monthlyBudget + ", 'EUR'") + ")");
        return name;
    }

    private static UUID pendingWorkload(String tenant, int cpus) {
        UUID id = UUID.randomUUID();
        Db.execute("insert into workload (id, tenant_id, name, spec, state) select '" + id + "', id, 'w-" + id
                + "', '{\"cpus\": " + cpus + ", \"memoryMb\": 4096, \"diskGb\": 10}'::jsonb, 'DEFINED' from tenant"
                + " where name = '" + tenant + "'");
        return id;
    }

    private static String lastAudit(UUID workload, String action) {
        return Db.scalar("select coalesce(max(explanation), '<none>') from audit_event where target_id = '" + workload
                + "' and action = '" + action + "' and id = (select max(id) from audit_event where target_id = '"
                + workload + "' and action = '" + action + "')", String.class);
    }
}
