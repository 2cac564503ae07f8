use super::*;

fn contents_of(der: &[u8], tag: u8) -> Result<&[u8], Malformed> {
    Reader::parse_all(der, |r| r.read_element(tag))
}

#[test]
fn lengths_short_and_long_form() {
    assert_eq!(
        contents_of(&[0x04, 0x01, 0xaa], tag::OCTET_STRING),
        Ok(&[0xaa][..])
    );
    let mut long = vec![0x04, 0x81, 0x80];
    long.extend([7u8; 0x80]);
    assert_eq!(
        contents_of(&long, tag::OCTET_STRING).map(<[u8]>::len),
        Ok(0x80)
    );
    let mut two = vec![0x04, 0x82, 0x01, 0x00];
    two.extend([7u8; 0x100]);
    assert_eq!(
        contents_of(&two, tag::OCTET_STRING).map(<[u8]>::len),
        Ok(0x100)
    );
}

#[test]
fn rejects_ber_only_and_impossible_lengths() {
    // Indefinite length.
    assert_eq!(
        contents_of(&[0x30, 0x80, 0x00, 0x00], tag::SEQUENCE),
        Err(Malformed)
    );
    // Long form for a short length, and a leading zero length octet.
    assert_eq!(
        contents_of(&[0x04, 0x81, 0x01, 0xaa], tag::OCTET_STRING),
        Err(Malformed)
    );
    let mut padded = vec![0x04, 0x82, 0x00, 0x80];
    padded.extend([0u8; 0x80]);
    assert_eq!(contents_of(&padded, tag::OCTET_STRING), Err(Malformed));
    // Five length octets, and lengths past the end of input.
    assert_eq!(
        contents_of(&[0x04, 0x85, 1, 0, 0, 0, 0], tag::OCTET_STRING),
        Err(Malformed)
    );
    assert_eq!(
        contents_of(&[0x04, 0x84, 0xff, 0xff, 0xff, 0xff], tag::OCTET_STRING),
        Err(Malformed)
    );
    assert_eq!(
        contents_of(&[0x04, 0x02, 0xaa], tag::OCTET_STRING),
        Err(Malformed)
    );
    assert_eq!(contents_of(&[0x04], tag::OCTET_STRING), Err(Malformed));
    assert_eq!(contents_of(&[], tag::OCTET_STRING), Err(Malformed));
    // High tag number form.
    assert_eq!(contents_of(&[0x1f, 0x01, 0x00], 0x1f), Err(Malformed));
}

#[test]
fn rejects_trailing_bytes_and_wrong_tags() {
    assert_eq!(contents_of(&[0x05, 0x00, 0x00], tag::NULL), Err(Malformed));
    assert_eq!(
        contents_of(&[0x05, 0x00], tag::OCTET_STRING),
        Err(Malformed)
    );
}

#[test]
fn integers() {
    let unsigned = |der: &[u8]| Reader::parse_all(der, |r| r.read_unsigned().map(<[u8]>::to_vec));
    assert_eq!(unsigned(&[0x02, 0x01, 0x00]), Ok(vec![0x00]));
    assert_eq!(unsigned(&[0x02, 0x01, 0x7f]), Ok(vec![0x7f]));
    assert_eq!(unsigned(&[0x02, 0x02, 0x00, 0x80]), Ok(vec![0x80]));
    // Negative where a magnitude is required.
    assert_eq!(unsigned(&[0x02, 0x01, 0x80]), Err(Malformed));
    // Non-minimal encodings and the empty integer.
    assert_eq!(unsigned(&[0x02, 0x02, 0x00, 0x7f]), Err(Malformed));
    assert_eq!(unsigned(&[0x02, 0x02, 0xff, 0x80]), Err(Malformed));
    assert_eq!(unsigned(&[0x02, 0x00]), Err(Malformed));

    let small = |der: &[u8]| Reader::parse_all(der, |r| r.read_small_unsigned());
    assert_eq!(small(&[0x02, 0x02, 0x08, 0x00]), Ok(2048));
    assert_eq!(
        small(&[0x02, 0x09, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
        Ok(u64::MAX)
    );
    assert_eq!(
        small(&[0x02, 0x09, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]),
        Err(Malformed)
    );

    // Any-sign reading keeps negative serial numbers.
    let any = Reader::parse_all(&[0x02, 0x01, 0x80][..], |r| r.read_integer_contents());
    assert_eq!(any, Ok(&[0x80][..]));
}

#[test]
fn failed_reads_do_not_consume() {
    let der = [0x02, 0x01, 0x80];
    let mut reader = Reader::new(&der);
    assert_eq!(reader.read_unsigned(), Err(Malformed));
    assert_eq!(reader.read_integer_contents(), Ok(&[0x80][..]));
}

#[test]
fn bit_strings_need_zero_unused_bits() {
    let bits = |der: &[u8]| Reader::parse_all(der, |r| r.read_bit_string().map(<[u8]>::to_vec));
    assert_eq!(bits(&[0x03, 0x03, 0x00, 0xab, 0xcd]), Ok(vec![0xab, 0xcd]));
    assert_eq!(bits(&[0x03, 0x01, 0x00]), Ok(vec![]));
    assert_eq!(bits(&[0x03, 0x02, 0x01, 0xfe]), Err(Malformed));
    assert_eq!(bits(&[0x03, 0x00]), Err(Malformed));
}

#[test]
fn oids_and_null() {
    let oid = |der: &[u8]| Reader::parse_all(der, |r| r.read_oid().map(<[u8]>::to_vec));
    assert_eq!(
        oid(&[0x06, 0x03, 0x2b, 0x65, 0x70]),
        Ok(oid::ED25519.to_vec())
    );
    // Unterminated sub-identifier, padded sub-identifier, empty.
    assert_eq!(oid(&[0x06, 0x02, 0x2b, 0x86]), Err(Malformed));
    assert_eq!(oid(&[0x06, 0x03, 0x2b, 0x80, 0x01]), Err(Malformed));
    assert_eq!(oid(&[0x06, 0x00]), Err(Malformed));

    assert_eq!(
        Reader::parse_all(&[0x05, 0x00][..], |r| r.read_null()),
        Ok(())
    );
    assert_eq!(
        Reader::parse_all(&[0x05, 0x01, 0x00][..], |r| r.read_null()),
        Err(Malformed)
    );
}

#[test]
fn nesting_is_limited() {
    let mut der = vec![0x05, 0x00];
    for _ in 0..MAX_DEPTH + 1 {
        der = sequence(&[&der]);
    }
    fn descend(reader: &mut Reader) -> Result<usize, Malformed> {
        if reader.peek_tag() == Some(tag::SEQUENCE) {
            let mut inner = reader.read_sequence()?;
            let depth = descend(&mut inner)? + 1;
            inner.finish()?;
            Ok(depth)
        } else {
            reader.read_null().map(|()| 0)
        }
    }
    assert_eq!(Reader::parse_all(&der, descend), Err(Malformed));
    // One level less is fine.
    let inner = Reader::parse_all(&der, |r| r.read_any()).unwrap().contents;
    assert_eq!(Reader::parse_all(inner, descend), Ok(MAX_DEPTH));
}

#[test]
fn tlv_reports_whole_encoding() {
    let der = sequence(&[&small_integer(5), &null()]);
    let tlv = Reader::parse_all(&der, |r| r.read_any()).unwrap();
    assert_eq!(tlv.tag, tag::SEQUENCE);
    assert_eq!(tlv.encoded, der.as_slice());
    assert_eq!(tlv.contents, &der[2..]);
}

#[test]
fn writer_output_reads_back() {
    assert_eq!(integer(&[]), [0x02, 0x01, 0x00]);
    assert_eq!(integer(&[0x00, 0x00]), [0x02, 0x01, 0x00]);
    assert_eq!(integer(&[0x00, 0x80]), [0x02, 0x02, 0x00, 0x80]);
    assert_eq!(small_integer(2048), [0x02, 0x02, 0x08, 0x00]);
    assert_eq!(bit_string(&[0xaa]), [0x03, 0x02, 0x00, 0xaa]);
    assert_eq!(tlv(tag::OCTET_STRING, &[0; 0x80])[..3], [0x04, 0x81, 0x80]);
    assert_eq!(
        tlv(tag::OCTET_STRING, &[0; 0x1_0000])[..5],
        [0x04, 0x83, 0x01, 0x00, 0x00]
    );

    let der = sequence(&[
        &small_integer(1),
        &octet_string(b"key"),
        &context(tag::CONTEXT_0, &object_identifier(oid::CURVE_P256)),
        &context(tag::CONTEXT_1, &bit_string(&[4, 1, 2])),
    ]);
    let parsed = Reader::parse_all(&der, |r| {
        let mut seq = r.read_sequence()?;
        let version = seq.read_small_unsigned()?;
        let key = seq.read_octet_string()?;
        let curve = seq.read_constructed(tag::CONTEXT_0)?.read_oid()?;
        let point = seq.read_constructed(tag::CONTEXT_1)?.read_bit_string()?;
        seq.finish()?;
        Ok::<_, Malformed>((version, key, curve, point))
    });
    assert_eq!(
        parsed,
        Ok((1, &b"key"[..], oid::CURVE_P256, &[4u8, 1, 2][..]))
    );
}

#[test]
fn every_prefix_of_a_structure_is_rejected() {
    let der = sequence(&[&small_integer(1), &octet_string(&[9; 200]), &null()]);
    for len in 0..der.len() {
        let result = Reader::parse_all(&der[..len], |r| {
            let mut seq = r.read_sequence()?;
            seq.read_small_unsigned()?;
            seq.read_octet_string()?;
            seq.read_null()?;
            seq.finish()
        });
        assert_eq!(result, Err(Malformed), "prefix of {len} bytes");
    }
}
