package io.skyfed.drivers.azure;

import io.skyfed.drivers.spi.DriverException;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jclouds.azurecompute.arm.domain.IdReference;
import org.jclouds.azurecompute.arm.domain.ImageReference;
import org.jclouds.azurecompute.arm.domain.IpConfiguration;
import org.jclouds.azurecompute.arm.domain.IpConfigurationProperties;
import org.jclouds.azurecompute.arm.domain.ManagedDiskParameters;
import org.jclouds.azurecompute.arm.domain.NetworkInterfaceCard;
import org.jclouds.azurecompute.arm.domain.NetworkInterfaceCardProperties;
import org.jclouds.azurecompute.arm.domain.NetworkProfile;
import org.jclouds.azurecompute.arm.domain.OSDisk;
import org.jclouds.azurecompute.arm.domain.OSProfile;
import org.jclouds.azurecompute.arm.domain.Plan;
import org.jclouds.azurecompute.arm.domain.StorageProfile;
import org.jclouds.azurecompute.arm.domain.VirtualMachineProperties;
import org.jclouds.azurecompute.arm.domain.publicipaddress.PublicIPAddress;
import org.jclouds.azurecompute.arm.domain.publicipaddress.PublicIPAddressProperties;

/**
 * Creating a VM takes a public IP, a NIC in the configured subnet, then the VM itself, each a PUT of a name fixed
 * before the first attempt: Resource Manager applies a repeated PUT to the same resource, so each step is retried
 * like a read and a lost answer never makes a second VM. A failed create removes the parts it made. The create
 * returns once Resource Manager accepts the VM (the instance is PENDING; a provisioning that fails later shows as
 * ERROR). A Marketplace image sold with a purchase plan gives the VM that plan, once its terms are accepted.
 */
final class AzureInstanceCreation {

    private static final System.Logger LOG = System.getLogger(AzureInstanceCreation.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AzureAccount account;
    private final AzureSession session;

    AzureInstanceCreation(AzureAccount account, AzureSession session) {
        this.account = account;
        this.session = session;
    }

    Instance create(InstanceSpec spec) {
        AzureSettings settings = account.settings;
        Optional<AzureMarketplace.Urn> urn = AzureMarketplace.Urn.parse(spec.imageId());
        Optional<AzurePurchasePlan> plan;
        try {
            if (urn.isPresent()) {
                plan = new AzureMarketplace(account).version(urn.get()).plan();
            } else {
                session.image(spec.imageId());
                plan = Optional.empty();
            }
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("image_id", "image '" + spec.imageId() + "' does not exist");
        }
        String location = spec.realmId() == null ? settings.location() : spec.realmId();
        if (!location.equals(settings.location())) {
            throw new InvalidArgumentException("realm_id", "realm '" + location + "' is not this provider's "
                    + "location (" + settings.location() + "); its network lives there");
        }
        List<HardwareProfile> profiles = session.hardwareProfiles();
        String size = spec.hardwareProfileId() != null ? spec.hardwareProfileId() : profiles.stream()
                .map(HardwareProfile::id).filter(id -> id.equals("Standard_B1s")).findFirst()
                .orElse(profiles.get(0).id());
        HardwareProfile profile = profiles.stream().filter(p -> p.id().equals(size)).findFirst()
                .orElseThrow(() -> new InvalidArgumentException("hwp_id", "hardware profile '" + size
                        + "' is not a VM size of " + settings.location()));
        spec.profileOverrides().forEach((property, value) -> profile.property(property)
                .filter(p -> p.accepts(value))
                .orElseThrow(() -> new InvalidArgumentException("hwp_" + property, "VM size " + size
                        + " has a fixed " + property + "; " + value + " is not it")));
        if (spec.firewallIds().size() > 1) {
            // Azure's model, not a gap: a NIC is in at most one security group, and a VM made here has one NIC
            throw new InvalidArgumentException("firewalls", "Azure puts a network interface in one network security "
                    + "group, and an instance here has one interface, so it takes one firewall, not "
                    + spec.firewallIds().size() + " " + spec.firewallIds() + "; put the rules into one firewall");
        }
        String firewall = spec.firewallIds().isEmpty() ? null : spec.firewallIds().get(0);
        if (firewall != null) {
            try {
                new AzureFirewallService(account).get(firewall);
            } catch (NotFoundException e) {
                throw new InvalidArgumentException("firewalls", "firewall '" + firewall + "' does not exist");
            }
        }
        String publicKey = spec.keyName() == null ? null
                : new AzureKeyService(account).publicKeyOf(spec.keyName());
        String name = spec.name() != null ? spec.name() : AzureNames.generated("vm");
        if (!AzureNames.isResourceName(name) || name.length() > 58) {
            throw new InvalidArgumentException("name", "'" + name + "' is not a VM name (letters, digits, - . _; "
                    + "at most 58)");
        }
        try {
            session.instance(name);
            throw new InvalidArgumentException("name", "an instance named '" + name + "' already exists");
        } catch (NotFoundException free) {
            // the name is free
        }
        String subnet = settings.subnetId().orElseThrow(() -> new InvalidArgumentException("provider",
                "the azure provider has no subnet-id setting, so instances cannot be created"));
        // last of the checks: accepting terms (when the provider allows it) is the one check with an effect
        plan.ifPresent(p -> new AzureMarketplaceTerms(account).requireAccepted(p, spec.imageId()));
        Plan vmPlan = plan.map(p -> Plan.create(p.publisher(), p.name(), p.product())).orElse(null);

        try {
            IdReference ip = settings.publicIp() ? IdReference.create(publicIp(name, location).id()) : null;
            NetworkInterfaceCard nic = nic(name, location, subnet, ip, firewall == null ? null
                    : IdReference.create(settings.resourceId("Microsoft.Network/networkSecurityGroups", firewall)));
            Map<String, String> tags = new HashMap<>();
            if (spec.keyName() != null) {
                tags.put(AzureSession.KEY_TAG, spec.keyName());
            }
            VirtualMachineProperties properties = VirtualMachineProperties.builder()
                    .hardwareProfile(org.jclouds.azurecompute.arm.domain.HardwareProfile.builder().vmSize(size).build())
                    .storageProfile(StorageProfile.create(
                            imageReference(spec.imageId()),
                            OSDisk.builder().name(AzureNames.osDisk(name)).createOption("FromImage")
                                    .caching("ReadWrite")
                                    .managedDiskParameters(ManagedDiskParameters.create(null, "Standard_LRS"))
                                    .build(),
                            List.of()))
                    .osProfile(osProfile(name, publicKey, spec.userData()))
                    .networkProfile(NetworkProfile.builder().networkInterfaces(List.of(
                            NetworkProfile.NetworkInterface.create(nic.id(),
                                    NetworkProfile.NetworkInterface.NetworkInterfaceProperties.create(true))))
                            .build())
                    .build();
            account.idempotent("CreateOrUpdateVirtualMachine", "instance", name,
                    () -> account.api().getVirtualMachineApi(account.group())
                            .createOrUpdate(name, location, properties, tags, vmPlan));
        } catch (DriverException e) {
            deleteParts(name);
            throw e;
        }
        return session.instance(name);
    }

    /** A Marketplace image by its publisher, offer, SKU and version; a managed image of the group by its id. */
    private ImageReference imageReference(String imageId) {
        return AzureMarketplace.Urn.parse(imageId)
                .map(urn -> ImageReference.builder().publisher(urn.publisher()).offer(urn.offer()).sku(urn.sku())
                        .version(urn.version()).build())
                .orElseGet(() -> ImageReference.builder().customImageId(account.settings.resourceId(
                        "Microsoft.Compute/images", imageId)).build());
    }

    private PublicIPAddress publicIp(String vm, String location) {
        String name = AzureNames.publicIp(vm);
        return account.idempotent("CreateOrUpdatePublicIPAddress", "address", name,
                () -> account.api().getPublicIPAddressApi(account.group()).createOrUpdate(name, location, Map.of(),
                        PublicIPAddress.SKU.create(PublicIPAddress.SKU.SKUName.Standard),
                        PublicIPAddressProperties.builder().publicIPAllocationMethod("Static")
                                .idleTimeoutInMinutes(4).build()));
    }

    /** The VM's NIC, in the subnet, with its public IP and, when one was chosen, in that network security group. */
    private NetworkInterfaceCard nic(String vm, String location, String subnet, IdReference publicIp,
                                     IdReference securityGroup) {
        String name = AzureNames.nic(vm);
        IpConfigurationProperties ipProperties = IpConfigurationProperties.builder()
                .privateIPAllocationMethod("Dynamic").subnet(IdReference.create(subnet))
                .publicIPAddress(publicIp).build();
        NetworkInterfaceCardProperties properties = NetworkInterfaceCardProperties.builder()
                .ipConfigurations(List.of(IpConfiguration.builder().name("ipconfig1").properties(ipProperties)
                        .build()))
                .networkSecurityGroup(securityGroup)
                .build();
        return account.idempotent("CreateOrUpdateNetworkInterface", "network_interface", name,
                () -> account.api().getNetworkInterfaceCardApi(account.group()).createOrUpdate(name, location,
                        properties, Map.of()));
    }

    private OSProfile osProfile(String name, String publicKey, byte[] userData) {
        OSProfile.Builder os = OSProfile.builder().computerName(name).adminUsername(account.settings.adminUser());
        if (userData != null) {
            os.customData(Base64.getEncoder().encodeToString(userData));
        }
        if (publicKey != null) {
            os.linuxConfiguration(OSProfile.LinuxConfiguration.create("true", OSProfile.LinuxConfiguration.SSH.create(
                    List.of(OSProfile.LinuxConfiguration.SSH.SSHPublicKey.create(
                            "/home/" + account.settings.adminUser() + "/.ssh/authorized_keys", publicKey)))));
        } else {
            // Azure requires a credential; without a key the VM gets a random password nobody keeps, so the only
            // way in is a key added later (VM access extension): safer than a known default.
            byte[] secret = new byte[24];
            RANDOM.nextBytes(secret);
            os.adminPassword("Aa1!" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            os.linuxConfiguration(OSProfile.LinuxConfiguration.create("false", null));
        }
        return os.build();
    }

    /**
     * Deletes what a create makes besides the VM, once the VM no longer holds it: the NIC (which holds the public
     * IP), the public IP, the OS disk, each followed to its end; each delete is idempotent, and what is still in use
     * stays.
     */
    void deleteParts(String vm) {
        deletePart("DeleteNetworkInterface", AzureNames.nic(vm), () -> AzureNetwork.delete(account,
                "DeleteNetworkInterface", "resource", AzureNames.nic(vm),
                AzureNetwork.path(account, "networkInterfaces", AzureNames.nic(vm))));
        deletePart("DeletePublicIPAddress", AzureNames.publicIp(vm), () -> AzureNetwork.delete(account,
                "DeletePublicIPAddress", "resource", AzureNames.publicIp(vm),
                AzureNetwork.path(account, "publicIPAddresses", AzureNames.publicIp(vm))));
        deletePart("DeleteDisk", AzureNames.osDisk(vm), () -> account.awaitOperation("DeleteDisk", "resource",
                AzureNames.osDisk(vm), account.idempotent("DeleteDisk", "resource", AzureNames.osDisk(vm),
                        () -> account.arm.start("DELETE", AzureVolumeService.diskPath(account, AzureNames.osDisk(vm)),
                                AzureVolumeService.DISK_API, null))));
    }

    private void deletePart(String operation, String name, Runnable delete) {
        try {
            delete.run();
        } catch (InvalidStateException | InvalidArgumentException | NotFoundException e) {
            LOG.log(System.Logger.Level.WARNING, operation + " left " + name + " in place: " + e.getMessage());
        }
    }
}
