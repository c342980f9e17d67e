//! Layer 5: the sales playbook, one report per stage.
