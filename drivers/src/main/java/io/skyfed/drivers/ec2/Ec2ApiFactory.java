package io.skyfed.drivers.ec2;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.List;
import java.util.Properties;
import org.jclouds.Constants;
import org.jclouds.ContextBuilder;
import org.jclouds.aws.filters.FormSignerV4;
import org.jclouds.location.reference.LocationConstants;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;

/**
 * Builds the jclouds EC2 API for one provider. Building one costs a Guice injector (up to seconds), so the driver
 * builds it once per provider session and keeps it.
 */
final class Ec2ApiFactory {

    private Ec2ApiFactory() {
    }

    /**
     * The injector behind the API: the driver takes jclouds' EC2 API from it, and its SigV4 form signer for the
     * Query API actions jclouds lacks (VM Import/Export), so both sign with the same credentials and region.
     */
    static Injector build(Ec2Settings settings, String accessKey, String secretKey) {
        ContextBuilder builder = ContextBuilder.newBuilder("aws-ec2")
                .credentials(accessKey, secretKey)
                .overrides(properties(settings))
                .modules(modules(settings));
        settings.endpoint().ifPresent(uri -> builder.endpoint(uri.toString()));
        return builder.buildInjector();
    }

    static Properties properties(Ec2Settings settings) {
        Properties p = new Properties();
        // Our guard retries; jclouds retrying underneath would multiply every call.
        p.setProperty(Constants.PROPERTY_MAX_RETRIES, "0");
        p.setProperty(Constants.PROPERTY_SO_TIMEOUT, Long.toString(settings.socketTimeout().toMillis()));
        p.setProperty(Constants.PROPERTY_CONNECTION_TIMEOUT, Long.toString(settings.socketTimeout().toMillis()));
        p.setProperty(LocationConstants.PROPERTY_REGIONS, settings.region());
        return p;
    }

    private static List<Module> modules(Ec2Settings settings) {
        return List.of(new SLF4JLoggingModule(), new AbstractModule() {
            @Override
            protected void configure() {
                // jclouds derives the signing region from the host name, which fails for custom endpoints; one
                // provider is one region, so sign for it.
                bind(FormSignerV4.ServiceAndRegion.class).toInstance(new FormSignerV4.ServiceAndRegion() {
                    @Override
                    public String service() {
                        return "ec2";
                    }

                    @Override
                    public String region(String host) {
                        return settings.region();
                    }
                });
            }
        });
    }
}
