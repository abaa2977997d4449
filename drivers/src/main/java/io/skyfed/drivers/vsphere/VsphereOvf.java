package io.skyfed.drivers.vsphere;

/**
 * The OVF 1.x descriptor that turns one uploaded streamOptimized VMDK into a content library OVF template: one
 * virtual system with one vCPU, 1 GiB (the deploy sets the profile's size afterwards), an LSI Logic SCSI
 * controller and the disk. RASD elements are in the schema's (alphabetical) order, which strict parsers demand.
 */
final class VsphereOvf {

    static final String DISK_FILE = "disk.vmdk";
    static final String DESCRIPTOR_FILE = "skyfed.ovf";

    private VsphereOvf() {
    }

    static String descriptor(String name, long capacityBytes) {
        String n = escape(name);
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" \
                xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" \
                xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" \
                xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData">
                  <References>
                    <File ovf:href="%s" ovf:id="file1"/>
                  </References>
                  <DiskSection>
                    <Info>Virtual disks</Info>
                    <Disk ovf:capacity="%d" ovf:capacityAllocationUnits="byte" ovf:diskId="vmdisk1" \
                ovf:fileRef="file1" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
                  </DiskSection>
                  <VirtualSystem ovf:id="%s">
                    <Info>A virtual machine imported by Skyfed</Info>
                    <Name>%s</Name>
                    <OperatingSystemSection ovf:id="101">
                      <Info>The guest operating system</Info>
                    </OperatingSystemSection>
                    <VirtualHardwareSection>
                      <Info>Virtual hardware requirements</Info>
                      <System>
                        <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
                        <vssd:InstanceID>0</vssd:InstanceID>
                        <vssd:VirtualSystemIdentifier>%s</vssd:VirtualSystemIdentifier>
                        <vssd:VirtualSystemType>vmx-13</vssd:VirtualSystemType>
                      </System>
                      <Item>
                        <rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits>
                        <rasd:ElementName>1 virtual CPU</rasd:ElementName>
                        <rasd:InstanceID>1</rasd:InstanceID>
                        <rasd:ResourceType>3</rasd:ResourceType>
                        <rasd:VirtualQuantity>1</rasd:VirtualQuantity>
                      </Item>
                      <Item>
                        <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>
                        <rasd:ElementName>1024 MB of memory</rasd:ElementName>
                        <rasd:InstanceID>2</rasd:InstanceID>
                        <rasd:ResourceType>4</rasd:ResourceType>
                        <rasd:VirtualQuantity>1024</rasd:VirtualQuantity>
                      </Item>
                      <Item>
                        <rasd:Address>0</rasd:Address>
                        <rasd:ElementName>SCSI Controller 0</rasd:ElementName>
                        <rasd:InstanceID>3</rasd:InstanceID>
                        <rasd:ResourceSubType>lsilogic</rasd:ResourceSubType>
                        <rasd:ResourceType>6</rasd:ResourceType>
                      </Item>
                      <Item>
                        <rasd:AddressOnParent>0</rasd:AddressOnParent>
                        <rasd:ElementName>Hard Disk 1</rasd:ElementName>
                        <rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource>
                        <rasd:InstanceID>4</rasd:InstanceID>
                        <rasd:Parent>3</rasd:Parent>
                        <rasd:ResourceType>17</rasd:ResourceType>
                      </Item>
                    </VirtualHardwareSection>
                  </VirtualSystem>
                </Envelope>
                """.formatted(DISK_FILE, capacityBytes, n, n, n);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
