package io.skyfed.broker.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.skyfed.broker.testing.Db;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SchemaTest {

    @Test
    void migrationsRanAtStart() {
        assertThat(Db.scalar("select count(*) from flyway_schema_history where version = '1' and success",
                Long.class)).isEqualTo(1L);
    }

    @Test
    void everyAggregateHasItsTable() {
        for (String table : new String[] {"secret", "provider", "tenant", "key_pair", "workload", "job", "job_step",
                "audit_event"}) {
            assertThat(Db.scalar("select to_regclass('public." + table + "') is not null", Boolean.class))
                    .as(table).isTrue();
        }
    }

    @Test
    void auditEventsCannotBeChangedOrDeleted() {
        AuditLog.Entry entry = new AuditLog.Entry("schema-test", null, "test.append", "test",
                UUID.randomUUID().toString(), AuditOutcome.SUCCESS, "proves append-only", Map.of("n", 1));
        AuditEventEntity recorded = Db.inTransaction(() -> new AuditLog().record(entry));

        assertThat(recorded.id).isNotNull();
        assertThatThrownBy(() -> Db.execute("update audit_event set actor = 'forger' where id = " + recorded.id))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> Db.execute("delete from audit_event where id = " + recorded.id))
                .hasStackTraceContaining("append-only");
        assertThat(Db.scalar("select actor from audit_event where id = " + recorded.id, String.class))
                .isEqualTo("schema-test");
    }

    @Test
    void providerNamesAreCheckedByTheDatabaseToo() {
        assertThatThrownBy(() -> Db.execute("insert into provider (id, name, driver, location, source) values ('"
                + UUID.randomUUID() + "', 'Not A Name', 'mock', 'PUBLIC', 'API')"))
                .hasStackTraceContaining("provider_name_check");
    }
}
