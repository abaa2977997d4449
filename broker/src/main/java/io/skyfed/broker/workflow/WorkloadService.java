package io.skyfed.broker.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.skyfed.broker.federation.ProviderConnector;
import io.skyfed.broker.federation.ProviderRegistry;
import io.skyfed.broker.persistence.AuditLog;
import io.skyfed.broker.persistence.AuditOutcome;
import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.broker.persistence.WorkloadEntity;
import io.skyfed.broker.persistence.WorkloadState;
import io.skyfed.broker.security.Caller;
import io.skyfed.broker.security.ResourceOwners;
import io.skyfed.drivers.spi.NotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Workloads of the caller's tenant: defined from a spec, optionally registered where they already run (a provider
 * and an instance, checked with the provider). Another tenant's workload does not exist for the caller.
 */
@ApplicationScoped
public class WorkloadService {

    /** What a caller asks to manage; {@code provider} and {@code instanceId} come together or not at all. */
    public record Definition(String name, String provider, String instanceId, WorkloadSpec spec) {
    }

    private final TenantDirectory tenants;
    private final ProviderRegistry registry;
    private final ProviderConnector connector;
    private final AuditLog audit;
    private final ResourceOwners owners;
    private final ObjectMapper json;

    WorkloadService(TenantDirectory tenants, ProviderRegistry registry, ProviderConnector connector, AuditLog audit,
                    ObjectMapper json, ResourceOwners owners) {
        this.owners = owners;
        this.tenants = tenants;
        this.registry = registry;
        this.connector = connector;
        this.audit = audit;
        this.json = json;
    }

    @SuppressWarnings("unchecked")
    public Uni<WorkloadEntity> define(Caller caller, Definition definition) {
        Uni<String> checked = definition.provider() == null ? Uni.createFrom().nullItem()
                : owned(caller, definition).flatMap(ignored -> registry.account(definition.provider())).flatMap(account -> connector.withSession(account, session -> {
                    try {
                        return session.instance(definition.instanceId()).id();
                    } catch (NotFoundException e) {
                        throw WorkflowException.invalid("instanceId", "provider " + definition.provider()
                                + " has no instance " + definition.instanceId());
                    }
                }));
        return checked.flatMap(instance -> Panache.withTransaction(() -> tenants.idOf(caller.tenant())
                .flatMap(tenant -> Panache.getSession().flatMap(s -> s.createQuery(
                                "from WorkloadEntity where tenantId = :tenant and name = :name", WorkloadEntity.class)
                                .setParameter("tenant", tenant).setParameter("name", definition.name())
                                .getSingleResultOrNull())
                        .flatMap(existing -> {
                            if (existing != null) {
                                throw WorkflowException.conflict("a workload named " + definition.name()
                                        + " exists already");
                            }
                            return providerId(definition.provider());
                        })
                        .flatMap(provider -> {
                            Instant now = Instant.now();
                            WorkloadEntity workload = new WorkloadEntity();
                            workload.id = UUID.randomUUID();
                            workload.tenantId = tenant;
                            workload.name = definition.name();
                            workload.providerId = provider;
                            workload.providerInstanceIds = instance == null ? new ArrayList<>()
                                    : new ArrayList<>(List.of(instance));
                            workload.spec = json.convertValue(definition.spec(), Map.class);
                            workload.state = instance == null ? WorkloadState.DEFINED : WorkloadState.RUNNING;
                            workload.createdAt = now;
                            workload.updatedAt = now;
                            return Panache.getSession().flatMap(s -> s.persist(workload)).replaceWith(workload);
                        })
                        .call(workload -> audit.record(new AuditLog.Entry(caller.subject(), tenant,
                                "workload.create", "workload", workload.id.toString(), AuditOutcome.SUCCESS, null,
                                Map.of("name", workload.name)))))));
    }

    /**
     * A tenant registers only instances its tenant created through Skyfed; anything else answers as if the
     * instance did not exist. Admins register any instance.
     */
    private Uni<Void> owned(Caller caller, Definition definition) {
        if (caller.crossTenant()) {
            return Uni.createFrom().voidItem();
        }
        return owners.owner(definition.provider(), "instances", definition.instanceId()).map(owner -> {
            if (!owner.map(caller.tenant()::equals).orElse(false)) {
                throw WorkflowException.invalid("instanceId", "provider " + definition.provider()
                        + " has no instance " + definition.instanceId());
            }
            return null;
        });
    }

    @WithSession
    public Uni<List<WorkloadEntity>> list(Caller caller) {
        boolean everyTenant = caller.crossTenant() || caller.hasRole(Caller.AUDITOR);
        return Panache.getSession().flatMap(s -> {
            var query = s.createQuery("from WorkloadEntity where state <> :deleted" + (everyTenant ? ""
                    : " and tenantId = (select t.id from TenantEntity t where t.name = :tenant)") + " order by id",
                    WorkloadEntity.class).setParameter("deleted", WorkloadState.DELETED);
            return (everyTenant ? query : query.setParameter("tenant", caller.tenant())).getResultList();
        });
    }

    /** The workload if the caller may see it, else a not-found failure (never a hint that it exists). */
    @WithSession
    public Uni<WorkloadEntity> visible(Caller caller, UUID id) {
        return Panache.getSession().flatMap(s -> s.find(WorkloadEntity.class, id)).flatMap(workload -> {
            if (workload == null || workload.state == WorkloadState.DELETED) {
                throw WorkflowException.notFound("workload", id);
            }
            return tenantName(workload.tenantId).map(tenant -> {
                if (!caller.sees(tenant)) {
                    throw WorkflowException.notFound("workload", id);
                }
                return workload;
            });
        });
    }

    /** Stops managing the workload (its instances keep running); refused while a job acts on it. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id) {
        return visible(caller, id).flatMap(workload -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "select count(*) from job where workload_id = :id and state in ('QUEUED', 'RUNNING',"
                                + " 'CANCELLING') and not dry_run", Long.class).setParameter("id", id).getSingleResult())
                .flatMap(active -> {
                    if (active > 0) {
                        throw WorkflowException.conflict("workload " + id + " has an unfinished job");
                    }
                    workload.state = WorkloadState.DELETED;
                    workload.updatedAt = Instant.now();
                    return audit.record(new AuditLog.Entry(caller.subject(), workload.tenantId, "workload.delete",
                            "workload", id.toString(), AuditOutcome.SUCCESS, null, Map.of()));
                })).replaceWithVoid();
    }

    /** Provider names by id, for views. */
    @WithSession
    public Uni<Map<UUID, String>> providerNames() {
        return Panache.getSession().flatMap(s -> s.createQuery("from ProviderEntity", ProviderEntity.class)
                .getResultList()).map(all -> {
            Map<UUID, String> names = new java.util.HashMap<>();
            all.forEach(p -> names.put(p.id, p.name));
            return names;
        });
    }

    private Uni<String> tenantName(UUID tenant) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("select name from tenant where id = :id",
                String.class).setParameter("id", tenant).getSingleResult());
    }

    private Uni<UUID> providerId(String provider) {
        if (provider == null) {
            return Uni.createFrom().nullItem();
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery("select id from provider where name = :name",
                UUID.class).setParameter("name", provider).getSingleResultOrNull()).map(id -> {
                    if (id == null) {
                        throw WorkflowException.invalid("provider", "no provider " + provider);
                    }
                    return id;
                });
    }
}
