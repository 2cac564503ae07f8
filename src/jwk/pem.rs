//! PEM text (RFC 7468): a base64 body between `-----BEGIN label-----` and
//! `-----END label-----` lines.
//!
//! Reading takes the first block in the text and tolerates what OpenSSL
//! tolerates: text before it, CRLF line ends, blank lines and whitespace
//! around the lines. The BEGIN and END markers must each be on a line of
//! their own, so a PEM with its line breaks removed is not read.
//!
//! RFC 1421 headers (`Name: value` lines right after BEGIN) only occur in
//! OpenSSL's legacy encrypted PEM (`Proc-Type: 4,ENCRYPTED` and `DEK-Info`).
//! [`parse_pem`] refuses any block with headers, so encrypted bytes are never
//! mistaken for a key; [`parse_pem_with_headers`] returns them for
//! [`crate::jwk::pem_legacy`] to decrypt.

use crate::b64;
use crate::error::{Error, Result};

/// One PEM block: its label (e.g. `PRIVATE KEY`) and decoded body.
#[derive(Clone, PartialEq, Eq)]
pub struct PemBlock {
    pub label: String,
    pub der: Vec<u8>,
}

// The body is usually key material: keep it out of debug output.
impl std::fmt::Debug for PemBlock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PemBlock({}, {} bytes)", self.label, self.der.len())
    }
}

/// One `Name: value` header line, both sides trimmed.
pub type PemHeader = (String, String);

/// The first PEM block in `text`. Blocks with headers (legacy encryption)
/// are `JWKImportFailed`; so are a missing END line and a body that is not
/// base64 or is empty.
pub fn parse_pem(text: &str) -> Result<PemBlock> {
    let (block, headers) = parse_pem_with_headers(text)?;
    if headers.is_empty() {
        Ok(block)
    } else {
        Err(Error::import_failed())
    }
}

/// The first PEM block in `text` and its headers, in order.
pub fn parse_pem_with_headers(text: &str) -> Result<(PemBlock, Vec<PemHeader>)> {
    let mut lines = text.lines().map(str::trim);
    let label = lines
        .by_ref()
        .find_map(begin_label)
        .ok_or_else(Error::import_failed)?;
    let end = format!("-----END {label}-----");

    let mut headers = Vec::new();
    let mut body = String::new();
    let mut in_header_section = true;
    let mut ended = false;
    for line in lines {
        if line == end {
            ended = true;
            break;
        }
        if in_header_section {
            // Base64 has no ':', so a colon marks a header line. Headers end
            // at the first line that is not one (RFC 1421 puts a blank line).
            if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_string(), value.trim().to_string()));
                continue;
            }
            in_header_section = false;
        }
        body.push_str(line);
    }
    if !ended {
        return Err(Error::import_failed());
    }
    let der = b64::decode_std_lenient(&body)
        .filter(|der| !der.is_empty())
        .ok_or_else(Error::import_failed)?;
    Ok((PemBlock { label, der }, headers))
}

/// The label of a `-----BEGIN label-----` line. Labels are printable ASCII
/// without doubled hyphens (RFC 7468 3), which keeps a run-together
/// `-----BEGIN X-----body-----END X-----` line from passing as a label.
fn begin_label(line: &str) -> Option<String> {
    let label = line.strip_prefix("-----BEGIN ")?.strip_suffix("-----")?;
    let printable = label.bytes().all(|b| (0x20..0x7f).contains(&b));
    (!label.is_empty() && printable && !label.contains("--")).then(|| label.to_string())
}

/// PEM text as Node writes it: 64-column base64 lines, `\n` line ends and a
/// final newline.
pub fn encode_pem(label: &str, der: &[u8]) -> String {
    encode_pem_with_headers(label, &[], der)
}

/// PEM text with RFC 1421 headers, followed by the blank line OpenSSL writes.
pub fn encode_pem_with_headers(label: &str, headers: &[(&str, &str)], der: &[u8]) -> String {
    let body = b64::encode_std(der);
    let mut text = String::with_capacity(body.len() + body.len() / 64 + 2 * label.len() + 40);
    text.push_str(&format!("-----BEGIN {label}-----\n"));
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\n"));
    }
    if !headers.is_empty() {
        text.push('\n');
    }
    // Base64 is ASCII, so every 64-byte step is a character boundary.
    let mut rest = body.as_str();
    while !rest.is_empty() {
        let (line, after) = rest.split_at(rest.len().min(64));
        text.push_str(line);
        text.push('\n');
        rest = after;
    }
    text.push_str(&format!("-----END {label}-----\n"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHORT: &str = "-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PUBLIC KEY-----\n";

    #[test]
    fn parses_with_surrounding_text_crlf_and_whitespace() {
        let text = "Subject: whatever\r\n\r\n  -----BEGIN PUBLIC KEY-----  \r\n AA\r\n  EC \r\n-----END PUBLIC KEY-----\r\ntrailing";
        let block = parse_pem(text).unwrap();
        assert_eq!(block.label, "PUBLIC KEY");
        assert_eq!(block.der, [0, 1, 2]);
    }

    #[test]
    fn takes_the_first_block() {
        let two = format!("{SHORT}-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n");
        assert_eq!(parse_pem(&two).unwrap().label, "PUBLIC KEY");
    }

    #[test]
    fn rejects_broken_blocks() {
        for text in [
            "",
            "no pem here",
            "-----BEGIN PUBLIC KEY-----\nAAEC\n",
            "-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PRIVATE KEY-----\n",
            "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n",
            "-----BEGIN PUBLIC KEY-----\nAA*C\n-----END PUBLIC KEY-----\n",
            "-----BEGIN PUBLIC KEY-----AAEC-----END PUBLIC KEY-----",
            "-----BEGIN -----\nAAEC\n-----END -----\n",
        ] {
            assert!(parse_pem(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn headers_are_returned_separately_and_refused_by_parse_pem() {
        let text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00FF\n\nAAEC\n-----END RSA PRIVATE KEY-----\n";
        let (block, headers) = parse_pem_with_headers(text).unwrap();
        assert_eq!(block.der, [0, 1, 2]);
        assert_eq!(
            headers,
            [
                ("Proc-Type".to_string(), "4,ENCRYPTED".to_string()),
                ("DEK-Info".to_string(), "AES-128-CBC,00FF".to_string())
            ]
        );
        assert!(parse_pem(text).is_err());
    }

    #[test]
    fn encodes_64_column_lines() {
        assert_eq!(encode_pem("PUBLIC KEY", &[0, 1, 2]), SHORT);
        let pem = encode_pem("X", &[0xab; 100]);
        let lines: Vec<&str> = pem.lines().collect();
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[1].len(), 64);
        assert_eq!(lines[2].len(), 64);
        assert_eq!(lines[3].len(), 8);
        assert!(pem.ends_with("-----END X-----\n"));
        assert_eq!(parse_pem(&pem).unwrap().der, vec![0xab; 100]);
        // Exactly one full line: no empty line before END.
        assert_eq!(encode_pem("X", &[0; 48]).lines().count(), 3);
    }
}
