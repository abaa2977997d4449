package io.skyfed.image.ova;

import java.nio.charset.StandardCharsets;

/**
 * A minimal OVF 1.x descriptor for one virtual machine with one streamOptimized VMDK on a SCSI (or IDE)
 * controller: what VMware, VirtualBox and AWS VM Import need to accept the package.
 */
final class OvfWriter {

    static final String VMDK_FORMAT = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized";

    private OvfWriter() {
    }

    static byte[] descriptor(String name, String diskFile, long diskFileSize, long capacity, String adapterType) {
        boolean ide = adapterType.equals("ide");
        String controller = ide
                ? item("", "IDE Controller 0", 3, "<rasd:ResourceType>5</rasd:ResourceType>")
                : item("", "SCSI Controller 0", 3, "<rasd:ResourceSubType>" + xml(adapterType)
                        + "</rasd:ResourceSubType><rasd:ResourceType>6</rasd:ResourceType>");
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" \
                xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" \
                xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" \
                xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData">
                  <References>
                    <File ovf:id="file1" ovf:href="%1$s" ovf:size="%2$d"/>
                  </References>
                  <DiskSection>
                    <Info>Virtual disks</Info>
                    <Disk ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:capacity="%3$d" \
                ovf:capacityAllocationUnits="byte" ovf:format="%4$s"/>
                  </DiskSection>
                  <VirtualSystem ovf:id="%5$s">
                    <Info>A virtual machine converted by skyfed-image</Info>
                    <Name>%5$s</Name>
                    <OperatingSystemSection ovf:id="1">
                      <Info>Guest operating system</Info>
                    </OperatingSystemSection>
                    <VirtualHardwareSection>
                      <Info>Virtual hardware</Info>
                      <System>
                        <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
                        <vssd:InstanceID>0</vssd:InstanceID>
                        <vssd:VirtualSystemType>vmx-10</vssd:VirtualSystemType>
                      </System>
                      %6$s
                      %7$s
                      %8$s
                      <Item>
                        <rasd:AddressOnParent>0</rasd:AddressOnParent>
                        <rasd:ElementName>Hard disk 1</rasd:ElementName>
                        <rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource>
                        <rasd:InstanceID>4</rasd:InstanceID>
                        <rasd:Parent>3</rasd:Parent>
                        <rasd:ResourceType>17</rasd:ResourceType>
                      </Item>
                    </VirtualHardwareSection>
                  </VirtualSystem>
                </Envelope>
                """.formatted(xml(diskFile), diskFileSize, capacity, VMDK_FORMAT, xml(name),
                item("", "1 virtual CPU", 1, "<rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>1"
                        + "</rasd:VirtualQuantity>"),
                item("<rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>", "1024 MB of memory", 2,
                        "<rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>1024</rasd:VirtualQuantity>"),
                controller);
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** An Item whose rasd elements stay in the alphabetical order the CIM schema requires. */
    private static String item(String before, String name, int instance, String body) {
        return "<Item>" + before + "<rasd:ElementName>" + name + "</rasd:ElementName><rasd:InstanceID>" + instance
                + "</rasd:InstanceID>" + body + "</Item>";
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
