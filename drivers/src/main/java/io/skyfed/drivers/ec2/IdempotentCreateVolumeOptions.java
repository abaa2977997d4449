package io.skyfed.drivers.ec2;

import org.jclouds.ec2.options.CreateVolumeOptions;

/** CreateVolume options with EC2's ClientToken, which jclouds' options lack: a retried create makes one volume. */
final class IdempotentCreateVolumeOptions extends CreateVolumeOptions {

    IdempotentCreateVolumeOptions withClientToken(String token) {
        formParameters.put("ClientToken", token);
        return this;
    }
}
