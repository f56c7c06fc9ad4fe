//! Messaging rules (SPEC §11): edits, the flood limit, and the off-platform screen.

use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessagingPolicy {
    /// A message can be edited by its sender for this long after sending.
    pub edit_window_minutes: i64,
    /// Messages one person may send per minute, across conversations.
    pub max_per_minute: i64,
    /// Largest file attached to a message, in bytes.
    pub max_attachment_bytes: usize,
    pub max_body_chars: usize,
    pub max_attachments: usize,
}

impl Default for MessagingPolicy {
    fn default() -> Self {
        Self {
            edit_window_minutes: 15,
            max_per_minute: 20,
            max_attachment_bytes: 25 * 1024 * 1024,
            max_body_chars: 5000,
            max_attachments: 10,
        }
    }
}

/// Ways of taking a conversation (and its payment) off the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OffPlatform {
    Email,
    Phone,
    PaymentHandle,
}

impl OffPlatform {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Phone => "phone",
            Self::PaymentHandle => "payment_handle",
        }
    }
}

#[allow(clippy::expect_used)] // the patterns are constants, checked by the tests below
fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("a valid pattern")
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)[a-z0-9._%+-]+\s*(?:@|\(at\)|\[at\]|\sat\s)\s*[a-z0-9-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\sdot\s)\s*[a-z0-9-]+)*\s*(?:\.|\(dot\)|\[dot\]|\sdot\s)\s*(?:com|net|org|io|co|me|info|biz|dev|app|[a-z]{2})\b",
    )
});
/// Nine or more digits, allowing the usual separators and a leading +.
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:\+|\b)\d(?:[\s\-.()]{0,2}\d){8,14}\b"));
static PAYMENT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(?:paypal(?:\.me)?|venmo|cash\s?app|zelle|payoneer|skrill|revolut|western\s+union|moneygram|wise\.com|iban|bitcoin|btc|usdt|crypto\s+wallet)\b|(?:^|\s)\$[a-z][a-z0-9_]{2,}\b",
    )
});

/// What a message shares that could take the work off the platform, in a fixed order.
pub fn off_platform_flags(body: &str) -> Vec<OffPlatform> {
    let mut flags = Vec::new();
    if EMAIL.is_match(body) {
        flags.push(OffPlatform::Email);
    }
    if PHONE.is_match(body) {
        flags.push(OffPlatform::Phone);
    }
    if PAYMENT.is_match(body) {
        flags.push(OffPlatform::PaymentHandle);
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;
    use OffPlatform::*;

    #[test]
    fn contact_details_are_flagged() {
        assert_eq!(
            off_platform_flags("write me at ada@example.com please"),
            [Email]
        );
        assert_eq!(off_platform_flags("ada (at) example (dot) com"), [Email]);
        assert_eq!(off_platform_flags("call +44 20 7946 0958"), [Phone]);
        assert_eq!(
            off_platform_flags("my cell is 415-555-0132 after 6"),
            [Phone]
        );
        assert_eq!(off_platform_flags("(415) 555 0132"), [Phone]);
        assert_eq!(
            off_platform_flags("Pay me on PayPal instead"),
            [PaymentHandle]
        );
        assert_eq!(
            off_platform_flags("venmo works, or $adawrites"),
            [PaymentHandle]
        );
        assert_eq!(
            off_platform_flags("paypal.me/ada or ada@ex.io"),
            [Email, PaymentHandle]
        );
    }

    #[test]
    fn ordinary_work_talk_is_not_flagged() {
        for body in [
            "The budget is $1,500 for 3 milestones, due 2026-12-01.",
            "I can start Monday at 9; 40 hours a week.",
            "Version 2.10.3 fixed it. See section 4.2.1.",
            "Let's meet at noon. The docs are at the usual place.",
            "Invoice #12345678 is paid.",
            "Cash flow looks fine and apple pay is on the roadmap.",
        ] {
            assert!(off_platform_flags(body).is_empty(), "{body}");
        }
    }
}
