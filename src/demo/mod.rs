//! The embedded demo server.
