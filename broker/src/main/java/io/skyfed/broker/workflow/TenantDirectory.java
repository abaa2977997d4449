package io.skyfed.broker.workflow;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The tenant row of a caller's tenant name, created on first use. Runs inside the caller's transaction. */
@ApplicationScoped
public class TenantDirectory {

    public Uni<UUID> idOf(String tenant) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("insert into tenant (id, name, display_name)"
                        + " values (:id, :name, :name) on conflict (name) do nothing")
                .setParameter("id", UUID.randomUUID()).setParameter("name", tenant).executeUpdate()
                .flatMap(ignored -> s.createNativeQuery("select id from tenant where name = :name", UUID.class)
                        .setParameter("name", tenant).getSingleResult()));
    }
}
