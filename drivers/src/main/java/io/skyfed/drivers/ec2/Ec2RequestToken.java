package io.skyfed.drivers.ec2;

import java.util.Map;

/**
 * A tag carrying a create's request token, for the EC2 creates that take no ClientToken (security groups, Elastic
 * IPs): a retried create first looks for a resource with the token, so a lost answer never leads to a second one.
 */
final class Ec2RequestToken {

    static final String TAG = "skyfed-request";

    private Ec2RequestToken() {
    }

    /** The create's TagSpecification parameters: the token on the resource it makes. */
    static Map<String, String> tagSpecification(String resourceType, String token) {
        return Map.of("TagSpecification.1.ResourceType", resourceType,
                "TagSpecification.1.Tag.1.Key", TAG,
                "TagSpecification.1.Tag.1.Value", token);
    }

    /** The Describe filter that finds what a create with this token made. */
    static Map<String, String> filter(String token) {
        return Map.of("Filter.1.Name", "tag:" + TAG, "Filter.1.Value.1", token);
    }
}
