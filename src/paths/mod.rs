//! Layer 4: referral paths.
