//! Column encryption: what the journal keeps of a respondent (page bodies,
//! session tokens and cookies) is sealed with XChaCha20-Poly1305 before it
//! is written, and opened again when it is read. Everything else (states,
//! times, counts, hashes) stays plain, so `journal status` and the metrics
//! read it without the key.
//!
//! A sealed value is text: `sk1:` and the base64 of a random 24-byte nonce
//! followed by the ciphertext and its tag. The column's name is the
//! associated data, so a value cannot be moved to another column (a token
//! into a body) without failing to open. A value without the prefix was
//! written by a version that did not encrypt; [`Journal::open`] seals those
//! once (see [`seal_plaintext`]).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chacha20poly1305::aead::Aead;
use chacha20poly1305::{Key, KeyInit, XChaCha20Poly1305, XNonce};
use rand::RngCore as _;
use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

use super::key::KeyError;
use super::{Journal, JournalError, SessionState};

/// What a sealed value starts with (version 1 of the format).
pub(crate) const PREFIX: &str = "sk1:";

/// The columns sealed by the journal: `(table, column)`. A column a
/// journal does not have (yet) is passed over.
pub(super) const SEALED_COLUMNS: [(&str, &str); 5] = [
    ("pages", "body"),
    ("pages", "token"),
    ("pages", "cookies"),
    ("respondents", "token"),
    ("respondents", "cookies"),
];

const NONCE_LEN: usize = 24;

/// The cipher of one journal key.
pub(crate) struct Sealer {
    cipher: XChaCha20Poly1305,
    id: String,
    /// Where the key came from, in words ("journal-key in /…").
    source: String,
    /// Only for measuring what sealing costs ([`Journal::set_sealing`]).
    off: bool,
}

impl Sealer {
    pub(crate) fn new(key: &[u8; 32]) -> Sealer {
        Sealer {
            cipher: XChaCha20Poly1305::new(&Key::from(*key)),
            id: key_id(key),
            source: String::new(),
            off: false,
        }
    }

    /// The same, saying where the key came from.
    pub(crate) fn with_source(mut self, source: String) -> Sealer {
        self.source = source;
        self
    }

    /// A short fingerprint of the key (not secret: it cannot give the key
    /// back), so an operator can tell two keys apart.
    pub(crate) fn id(&self) -> &str {
        &self.id
    }

    /// `plain` sealed for `column` (e.g. `"pages.body"`).
    pub(crate) fn seal(&self, column: &str, plain: &str) -> Result<String, KeyError> {
        if self.off {
            return Ok(plain.to_owned());
        }
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(
                &XNonce::from(nonce),
                chacha20poly1305::aead::Payload {
                    msg: plain.as_bytes(),
                    aad: column.as_bytes(),
                },
            )
            .map_err(|_| KeyError::Damaged {
                column: column.to_owned(),
            })?;
        let mut bytes = Vec::with_capacity(NONCE_LEN + sealed.len());
        bytes.extend_from_slice(&nonce);
        bytes.extend_from_slice(&sealed);
        Ok(format!("{PREFIX}{}", BASE64.encode(bytes)))
    }

    /// The plain text of a value of `column`. A value without the prefix
    /// (written before the journal encrypted) is returned as it is.
    pub(crate) fn unseal(&self, column: &str, stored: &str) -> Result<String, KeyError> {
        let Some(encoded) = stored.strip_prefix(PREFIX) else {
            return Ok(stored.to_owned());
        };
        let damaged = || KeyError::Damaged {
            column: column.to_owned(),
        };
        let bytes = BASE64.decode(encoded).map_err(|_| damaged())?;
        let Some((nonce, sealed)) = bytes.split_at_checked(NONCE_LEN) else {
            return Err(damaged());
        };
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| damaged())?;
        let plain = self
            .cipher
            .decrypt(
                &XNonce::from(nonce),
                chacha20poly1305::aead::Payload {
                    msg: sealed,
                    aad: column.as_bytes(),
                },
            )
            .map_err(|_| damaged())?;
        String::from_utf8(plain).map_err(|_| damaged())
    }

    /// [`Sealer::seal`] of a value that may be absent.
    pub(crate) fn seal_opt(
        &self,
        column: &str,
        plain: Option<&str>,
    ) -> Result<Option<String>, KeyError> {
        plain.map(|plain| self.seal(column, plain)).transpose()
    }
}

/// A fingerprint of a key: the first 8 hex digits of a SHA-256 of a label
/// and the key.
fn key_id(key: &[u8; 32]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"survey-kiosk journal key id\0");
    hasher.update(key);
    hasher.finalize()[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Journal {
    /// Turns sealing off or on again (on from [`Journal::open`]): off, new
    /// values are written in plain text as an older version wrote them. Only
    /// for measuring what sealing costs (`cargo bench --bench journal`).
    #[doc(hidden)]
    pub fn set_sealing(&mut self, on: bool) {
        self.sealer.off = !on;
    }

    /// Which key the journal is encrypted with and where it came from, for
    /// the operator (e.g. "key 0dc726b5, from journal-key in /var/lib/…").
    pub fn key_description(&self) -> String {
        format!("key {}, from {}", self.sealer.id, self.sealer.source)
    }

    /// `plain` sealed for `column` (name it `"table.column"`, e.g.
    /// `"pages.body"`): the text to store. For a new column holding what a
    /// respondent said or a session's secrets.
    pub(crate) fn seal(&self, column: &str, plain: &str) -> Result<String, JournalError> {
        Ok(self.sealer.seal(column, plain)?)
    }

    /// The plain text of a value [`Journal::seal`] stored for `column`
    /// (a value written before the journal encrypted comes back as it is).
    /// Fails with [`KeyError::Damaged`] when it cannot be opened.
    pub(crate) fn unseal(&self, column: &str, stored: &str) -> Result<String, JournalError> {
        Ok(self.sealer.unseal(column, stored)?)
    }

    /// [`Journal::seal`] of a value that may be absent.
    pub(crate) fn seal_opt(
        &self,
        column: &str,
        plain: Option<&str>,
    ) -> Result<Option<String>, JournalError> {
        Ok(self.sealer.seal_opt(column, plain)?)
    }

    /// A session's token and cookies sealed for the `token` and `cookies`
    /// columns of `table` (`"pages"` or `"respondents"`): what to store.
    pub(crate) fn seal_secrets(
        &self,
        table: &str,
        token: Option<&str>,
        cookies: Option<&str>,
    ) -> Result<(Option<String>, Option<String>), JournalError> {
        Ok((
            self.seal_opt(&format!("{table}.token"), token)?,
            self.seal_opt(&format!("{table}.cookies"), cookies)?,
        ))
    }

    /// A live page's session token and cookies, sealed for `pages`.
    pub(super) fn seal_session(
        &self,
        session: &SessionState<'_>,
    ) -> Result<(Option<String>, Option<String>), JournalError> {
        self.seal_secrets("pages", session.token, session.cookies)
    }

    /// A stored page's body, token and cookies, opened; if one of them
    /// cannot be, none (the body then cannot be read: the page is kept for
    /// the operator, never a panic).
    pub(super) fn unseal_page(
        &self,
        page: i64,
        body: Option<String>,
        token: Option<String>,
        cookies: Option<String>,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let opened = (
            self.unseal_opt("pages.body", body.as_deref()),
            self.unseal_opt("pages.token", token.as_deref()),
            self.unseal_opt("pages.cookies", cookies.as_deref()),
        );
        if let (Ok(body), Ok(token), Ok(cookies)) = opened {
            (body, token, cookies)
        } else {
            tracing::warn!(page, "a stored value of this page cannot be decrypted");
            (None, None, None)
        }
    }

    /// [`Journal::unseal`] of a value that may be absent.
    pub(crate) fn unseal_opt(
        &self,
        column: &str,
        stored: Option<&str>,
    ) -> Result<Option<String>, JournalError> {
        stored.map(|stored| self.unseal(column, stored)).transpose()
    }
}

/// Seals every plain value of the [`SEALED_COLUMNS`] (left by a version
/// that did not encrypt), inside the caller's transaction; returns how many.
pub(super) fn seal_plaintext(conn: &Connection, sealer: &Sealer) -> Result<usize, JournalError> {
    let mut sealed = 0;
    for (table, column) in SEALED_COLUMNS {
        let present: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2)",
            [table, column],
            |row| row.get(0),
        )?;
        if !present {
            continue;
        }
        let name = format!("{table}.{column}");
        let mut statement = conn.prepare(&format!(
            "SELECT id, {column} FROM {table}
             WHERE typeof({column}) = 'text' AND substr({column}, 1, 4) != '{PREFIX}'"
        ))?;
        let rows = statement
            .query_map([], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut update =
            conn.prepare(&format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"))?;
        for (id, plain) in rows {
            update.execute(params![id, sealer.seal(&name, &plain)?])?;
            sealed += 1;
        }
    }
    Ok(sealed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_for_its_column_and_key() {
        let sealer = Sealer::new(&[7; 32]);
        let sealed = sealer.seal("pages.body", "{\"q1\":\"secret\"}").unwrap();
        assert!(sealed.starts_with(PREFIX));
        assert!(!sealed.contains("secret"));
        assert_eq!(
            sealer.unseal("pages.body", &sealed).unwrap(),
            "{\"q1\":\"secret\"}"
        );
        // Another column, another key, a damaged value: an error, no panic.
        assert!(sealer.unseal("pages.token", &sealed).is_err());
        assert!(Sealer::new(&[8; 32]).unseal("pages.body", &sealed).is_err());
        let mut damaged = sealed.clone();
        damaged.truncate(12);
        assert!(sealer.unseal("pages.body", &damaged).is_err());
        assert!(sealer.unseal("pages.body", "sk1:!!!").is_err());
        // Two seals of one value differ (a fresh nonce each).
        assert_ne!(
            sealer.seal("pages.body", "x").unwrap(),
            sealer.seal("pages.body", "x").unwrap()
        );
        // A value from before the journal encrypted reads as it is.
        assert_eq!(sealer.unseal("pages.body", "{}").unwrap(), "{}");
        assert_ne!(Sealer::new(&[7; 32]).id(), Sealer::new(&[8; 32]).id());
    }
}
