//! The take-survey client: `GET take`, `POST submit-page`, `GET previous-page`.

mod client;
mod envelope;
mod error;

pub use client::{
    API_CALLS_METRIC, BaseUrlError, CallCounts, Client, ClientSettings, DATACENTERS, Endpoint,
    Session, TOKEN_HEADER, check_base_url, datacenter_base_url, datacenter_host,
};
pub use envelope::{Envelope, EnvelopeError, ServerProblem, Status};
pub use error::{ApiError, ErrorKind, MAX_RETRY_AFTER, parse_retry_after};
