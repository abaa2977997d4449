package io.skyfed.drivers.ec2;

import org.jclouds.ec2.options.CreateSnapshotOptions;

/**
 * CreateSnapshot options carrying the create's request token as a tag (CreateSnapshot has no ClientToken, and
 * jclouds' options have no TagSpecification): a retry first looks for a snapshot with the token.
 */
final class IdempotentCreateSnapshotOptions extends CreateSnapshotOptions {

    IdempotentCreateSnapshotOptions withRequestToken(String token) {
        Ec2RequestToken.tagSpecification("snapshot", token).forEach(formParameters::put);
        return this;
    }
}
