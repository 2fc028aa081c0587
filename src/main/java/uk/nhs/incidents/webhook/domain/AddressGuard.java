package uk.nhs.incidents.webhook.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Whether an address is on the public internet, where a webhook may be sent. Everything else is refused: a
 * webhook must never become a way to reach the service's own network (its database, the cloud's metadata
 * endpoint, the pod network) from inside. IPv6 must be global unicast (2000::/3) outside the ranges set aside in it;
 * an IPv6 address that carries an IPv4 one (IPv4-mapped, IPv4-compatible, NAT64, 6to4) is judged by that.
 */
public final class AddressGuard {

    /** IPv4 blocks that are not public: this network, private, shared (CGNAT), loopback, link-local, reserved. */
    private static final List<Block> IPV4_NOT_PUBLIC = Block.all("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");

    /** IPv6 blocks within 2000::/3 that are not public: Teredo and other IETF uses, documentation, ORCHID. */
    private static final List<Block> IPV6_GLOBAL_NOT_PUBLIC = Block.all("2001::/23", "2001:db8::/32", "3fff::/20");

    private static final Block IPV6_GLOBAL_UNICAST = Block.parse("2000::/3");
    /** Forms that carry an IPv4 address: in their last four bytes (mapped, compatible, NAT64), or after 2002: (6to4). */
    private static final Block IPV4_MAPPED = Block.parse("::ffff:0:0/96");
    private static final Block IPV4_COMPATIBLE = Block.parse("::/96");
    private static final Block NAT64 = Block.parse("64:ff9b::/96");
    private static final Block SIX_TO_FOUR = Block.parse("2002::/16");

    private AddressGuard() {
    }

    public static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return IPV4_NOT_PUBLIC.stream().noneMatch(block -> block.contains(bytes));
        }
        if (!(address instanceof Inet6Address)) {
            return false;
        }
        if (IPV4_MAPPED.contains(bytes) || IPV4_COMPATIBLE.contains(bytes) || NAT64.contains(bytes)) {
            return isPublicIpv4(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return isPublicIpv4(Arrays.copyOfRange(bytes, 2, 6));
        }
        return IPV6_GLOBAL_UNICAST.contains(bytes) && IPV6_GLOBAL_NOT_PUBLIC.stream().noneMatch(b -> b.contains(bytes));
    }

    private static boolean isPublicIpv4(byte[] bytes) {
        return IPV4_NOT_PUBLIC.stream().noneMatch(block -> block.contains(bytes));
    }

    /** An address block in CIDR notation. */
    private record Block(byte[] prefix, int bits) {

        static List<Block> all(String... cidrs) {
            return Arrays.stream(cidrs).map(Block::parse).toList();
        }

        /** Parses a literal address, so no name is ever looked up. */
        static Block parse(String cidr) {
            String[] parts = cidr.split("/");
            try {
                return new Block(literal(parts[0]), Integer.parseInt(parts[1]));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        /**
         * The bytes of an address literal, IPv6 kept at 16 bytes (InetAddress would turn an IPv4-mapped literal
         * into an IPv4 address).
         */
        private static byte[] literal(String text) throws UnknownHostException {
            InetAddress parsed = InetAddress.getByName(text);
            if (text.contains(":") && parsed instanceof Inet4Address) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(parsed.getAddress(), 0, mapped, 12, 4);
                return mapped;
            }
            return parsed.getAddress();
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }
}
