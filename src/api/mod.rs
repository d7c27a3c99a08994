//! The take-survey client: `GET take`, `POST submit-page`, `GET previous-page`.

mod client;
mod envelope;
mod error;

pub use client::{
    Client, ClientSettings, Session, TOKEN_HEADER, check_base_url, datacenter_base_url,
};
pub use envelope::{Envelope, EnvelopeError, ServerProblem, Status};
pub use error::{ApiError, ErrorKind};
