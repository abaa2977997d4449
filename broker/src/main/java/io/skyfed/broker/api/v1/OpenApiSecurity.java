package io.skyfed.broker.api.v1;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Declares how /v1 is authenticated in the OpenAPI document, so generated clients and Swagger UI send tokens: a
 * bearer scheme required by every /v1 operation. Routes are guarded by one route table (security.RoutePolicy),
 * not by per-method annotations, so the document is told here rather than inferred.
 */
public class OpenApiSecurity implements OASFilter {

    static final String SCHEME = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        components.addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An access token of the broker's OpenID Connect provider (audience skyfed-broker), "
                        + "required when skyfed.security.enabled=true; the embedded default needs none."));
        api.setComponents(components);
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        api.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/v1")) {
                item.getOperations().values().forEach(operation -> operation.addSecurityRequirement(
                        OASFactory.createSecurityRequirement().addScheme(SCHEME)));
            }
        });
    }
}
