package uk.nhs.incidents.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a webhook may reach: the public internet only, however an inner address is written. */
class AddressGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.254",
            "127.0.0.1", "127.255.0.9", "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.8", "192.0.2.10",
            "192.88.99.1", "192.168.1.1", "198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.200",
            "224.0.0.251", "239.255.255.250", "240.0.0.1", "255.255.255.255"})
    void privateLoopbackLinkLocalSharedReservedAndMulticastIpv4AreRefused(String address) {
        assertThat(AddressGuard.isPublic(literal(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "fe80::1", "fe80::1%1", "fc00::1", "fd12:3456:789a::1", "fec0::1", "ff02::1",
            "ff0e::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "::ffff:7f00:1", "::127.0.0.1",
            "::10.0.0.1", "64:ff9b::a00:1", "64:ff9b::7f00:1", "2002:7f00:1::1", "2002:c0a8:101::1",
            "2001:db8::1", "2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:10::1", "3fff::1", "100::1",
            "5f00::1", "e000::1"})
    void ipv6LoopbackLinkLocalUniqueLocalMulticastDocumentationAndInnerIpv4FormsAreRefused(String address) {
        assertThat(AddressGuard.isPublic(literal(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "81.144.0.1", "172.15.255.255", "172.32.0.1", "100.63.255.255",
            "100.128.0.1", "192.169.0.1", "198.20.0.1", "223.255.255.254"})
    void publicIpv4IsAllowed(String address) {
        assertThat(AddressGuard.isPublic(literal(address))).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2a00:1450:4009:81f::200e", "2606:4700:4700::1111", "2001:4860:4860::8888",
            "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
    void publicIpv6AndInnerPublicIpv4FormsAreAllowed(String address) {
        assertThat(AddressGuard.isPublic(literal(address))).as(address).isTrue();
    }

    /** A literal, so no name is looked up; IPv4-mapped literals may come back as IPv4, as the JDK gives them. */
    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
