//! Webhooks (SPEC §14): the event types integrators subscribe to, the retry
//! schedule, and which network addresses a webhook may never reach (SSRF).

use chrono::Duration;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Every event type, as sent in `type` and subscribed to by name.
pub const EVENT_TYPES: [&str; 14] = [
    "proposal.received",
    "invitation.received",
    "offer.received",
    "offer.answered",
    "milestone.funded",
    "milestone.submitted",
    "milestone.approved",
    "milestone.changes_requested",
    "invoice.issued",
    "payment.released",
    "dispute.opened",
    "dispute.updated",
    "dispute.resolved",
    "feedback.received",
];

pub fn is_event_type(name: &str) -> bool {
    EVENT_TYPES.contains(&name)
}

/// How long a delivery keeps being retried.
pub const RETRY_FOR: Duration = Duration::days(3);

/// The wait after the `attempts`-th failed attempt: 30 s doubling to at most 6 h
/// (30 s, 1 min, 2 min, ... about 20 attempts over three days).
pub fn retry_delay(attempts: i32) -> Duration {
    let exponent = attempts.saturating_sub(1).clamp(0, 20) as u32;
    let seconds = 30i64.saturating_mul(1i64 << exponent.min(30));
    Duration::seconds(seconds.min(6 * 3600))
}

fn public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        // Carrier-grade NAT 100.64.0.0/10
        || (a == 100 && (64..128).contains(&b))
        // IETF protocol assignments 192.0.0.0/24
        || (a == 192 && b == 0 && c == 0)
        // Benchmarking 198.18.0.0/15
        || (a == 198 && (b == 18 || b == 19))
        // Reserved 240.0.0.0/4
        || a >= 240)
}

fn public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return public_v4(v4);
    }
    let segments = ip.segments();
    // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address.
    if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        let [a, b] = segments[6].to_be_bytes();
        let [c, d] = segments[7].to_be_bytes();
        return public_v4(Ipv4Addr::new(a, b, c, d));
    }
    if segments[0] == 0x2002 {
        let [a, b] = segments[1].to_be_bytes();
        let [c, d] = segments[2].to_be_bytes();
        return public_v4(Ipv4Addr::new(a, b, c, d));
    }
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        // Unique local fc00::/7
        || (segments[0] & 0xfe00) == 0xfc00
        // Link-local fe80::/10
        || (segments[0] & 0xffc0) == 0xfe80
        // Documentation 2001:db8::/32
        || (segments[0] == 0x2001 && segments[1] == 0x0db8)
        // IPv4-compatible ::/96 (deprecated) and other all-but-last zero forms
        || segments[..6] == [0, 0, 0, 0, 0, 0])
}

/// Whether a webhook may be delivered to this address: not loopback, private,
/// link-local, carrier NAT, multicast, reserved or documentation space, in either
/// family (including IPv4 carried inside IPv6).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => public_v4(v4),
        IpAddr::V6(v6) => public_v6(v6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
    }

    #[test]
    fn private_and_special_addresses_are_never_targets() {
        for blocked in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "192.0.2.10",
            "198.18.0.1",
            "240.0.0.1",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "ff02::1",
            "2001:db8::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
        ] {
            assert!(!is_public(ip(blocked)), "{blocked} must be refused");
        }
    }

    #[test]
    fn public_addresses_are_targets() {
        for open in [
            "93.184.216.34",
            "1.1.1.1",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700:4700::1111",
            "::ffff:93.184.216.34",
        ] {
            assert!(is_public(ip(open)), "{open} is public");
        }
    }

    #[test]
    fn retries_back_off_from_half_a_minute_to_six_hours() {
        assert_eq!(retry_delay(1), Duration::seconds(30));
        assert_eq!(retry_delay(2), Duration::seconds(60));
        assert_eq!(retry_delay(5), Duration::seconds(480));
        assert_eq!(retry_delay(12), Duration::hours(6));
        assert_eq!(retry_delay(1000), Duration::hours(6));
        let mut elapsed = Duration::zero();
        let mut attempts = 0;
        while elapsed < RETRY_FOR {
            attempts += 1;
            elapsed += retry_delay(attempts);
        }
        assert!(
            (15..=25).contains(&attempts),
            "{attempts} attempts in three days"
        );
    }

    #[test]
    fn event_types_are_known_by_name() {
        assert!(is_event_type("milestone.funded"));
        assert!(!is_event_type("milestone.*"));
    }
}
