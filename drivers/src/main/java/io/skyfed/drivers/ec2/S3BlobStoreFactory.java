package io.skyfed.drivers.ec2;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import java.util.List;
import java.util.Properties;
import org.jclouds.Constants;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;
import org.jclouds.s3.filters.Aws4SignerBase;
import org.jclouds.s3.reference.S3Constants;

/** Builds the jclouds S3 blob store for one EC2 provider's account; built once per provider session and kept. */
final class S3BlobStoreFactory {

    private S3BlobStoreFactory() {
    }

    static BlobStoreContext build(Ec2Settings settings, String accessKey, String secretKey) {
        Properties p = new Properties();
        p.setProperty(Constants.PROPERTY_MAX_RETRIES, "0");
        p.setProperty(Constants.PROPERTY_SO_TIMEOUT, Long.toString(settings.socketTimeout().toMillis()));
        p.setProperty(Constants.PROPERTY_CONNECTION_TIMEOUT, Long.toString(settings.socketTimeout().toMillis()));
        if (settings.s3Endpoint().isEmpty()) {
            return ContextBuilder.newBuilder("aws-s3").credentials(accessKey, secretKey).modules(modules(settings))
                    .overrides(p).buildView(BlobStoreContext.class);
        }
        // A custom endpoint (S3-compatible store, tests) speaks plain S3: the aws-s3 provider would look bucket
        // regions up at AWS itself. Such endpoints rarely resolve bucket sub-domains, so address by path.
        p.setProperty(S3Constants.PROPERTY_S3_VIRTUAL_HOST_BUCKETS, "false");
        p.setProperty(S3Constants.PROPERTY_SIGNER_VERSION, "4");
        return ContextBuilder.newBuilder("s3").endpoint(settings.s3Endpoint().get().toString())
                .credentials(accessKey, secretKey).modules(modules(settings))
                .overrides(p).buildView(BlobStoreContext.class);
    }

    private static List<Module> modules(Ec2Settings settings) {
        return List.of(new SLF4JLoggingModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(Aws4SignerBase.ServiceAndRegion.class).toInstance(new Aws4SignerBase.ServiceAndRegion() {
                    @Override
                    public String service() {
                        return "s3";
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
