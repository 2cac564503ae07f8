//! RSA through AWS-LC's C API, for what aws-lc-rs does not offer: keys of
//! any modulus size (aws-lc-rs takes 2048..=8192 bits only), checks of
//! private components, generation of any size, RSA1_5 decryption without a
//! padding oracle (raw `RSA_NO_PADDING`), and RSA-OAEP with any of SHA-1,
//! SHA-256, SHA-384 and SHA-512.
//!
//! Every pointer is owned by exactly one guard that frees it ([`Rsa`],
//! [`RsaPkey`], [`PkeyCtx`], and a digest context); ownership passes to
//! AWS-LC only where a `set0` / `assign` call succeeded. The components go
//! in as [`Bn`]s, cleared when freed, as they may hold private values;
//! `RSA_free` clears the copies AWS-LC keeps.

use std::ptr::{self, NonNull};

use aws_lc_sys as lc;
use zeroize::Zeroizing;

use super::bn::{borrowed_to_be, Bn};
use super::{check, failed, Failed, SysResult};

/// The digests RSA operations here hash with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Md {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Md {
    #[inline]
    fn evp(self) -> *const lc::EVP_MD {
        // SAFETY: these take no arguments and return pointers to static
        // method tables.
        unsafe {
            match self {
                Md::Sha1 => lc::EVP_sha1(),
                Md::Sha256 => lc::EVP_sha256(),
                Md::Sha384 => lc::EVP_sha384(),
                Md::Sha512 => lc::EVP_sha512(),
            }
        }
    }
}

/// The private components of an RSA key (besides `n` and `e`).
pub(crate) struct PrivateBns {
    pub d: Bn,
    pub p: Bn,
    pub q: Bn,
    pub dp: Bn,
    pub dq: Bn,
    pub qi: Bn,
}

/// An owned AWS-LC `RSA` object, freed (its private values cleared) on drop.
pub(crate) struct Rsa(NonNull<lc::RSA>);

/// `RSA_new_private_key` and `RSA_new_private_key_large_e`'s type.
type PrivateConstructor = unsafe extern "C" fn(
    *const lc::BIGNUM,
    *const lc::BIGNUM,
    *const lc::BIGNUM,
    *const lc::BIGNUM,
    *const lc::BIGNUM,
    *const lc::BIGNUM,
    *const lc::BIGNUM,
    *const lc::BIGNUM,
) -> *mut lc::RSA;

impl Drop for Rsa {
    fn drop(&mut self) {
        // SAFETY: the pointer came from AWS-LC, is owned here alone, and is
        // freed once.
        unsafe { lc::RSA_free(self.0.as_ptr()) }
    }
}

impl Rsa {
    fn from_raw(rsa: *mut lc::RSA) -> SysResult<Rsa> {
        NonNull::new(rsa).map(Rsa).ok_or_else(failed)
    }

    /// A public key, checked (`RSA_new_public_key`).
    pub fn new_public(n: &Bn, e: &Bn) -> SysResult<Rsa> {
        // SAFETY: both arguments are live BIGNUMs; AWS-LC copies them and
        // returns a new RSA (null when the key fails its check).
        Rsa::from_raw(unsafe { lc::RSA_new_public_key(n.as_ptr(), e.as_ptr()) })
    }

    /// A private key that passes `RSA_check_key` (`RSA_new_private_key`).
    pub fn new_private(n: &Bn, e: &Bn, k: &PrivateBns) -> SysResult<Rsa> {
        Rsa::private_with(lc::RSA_new_private_key, n, e, k)
    }

    /// [`new_private`](Self::new_private) with public exponents above 33
    /// bits allowed, as Node allows them (`RSA_new_private_key_large_e`).
    pub fn new_private_large_e(n: &Bn, e: &Bn, k: &PrivateBns) -> SysResult<Rsa> {
        Rsa::private_with(lc::RSA_new_private_key_large_e, n, e, k)
    }

    /// A private key from its eight components by one of AWS-LC's two
    /// constructors, which take the same arguments.
    fn private_with(make: PrivateConstructor, n: &Bn, e: &Bn, k: &PrivateBns) -> SysResult<Rsa> {
        // SAFETY: `make` is one of AWS-LC's RSA_new_private_key*; all eight
        // arguments are live BIGNUMs that it only reads (it copies them into
        // the new key). It returns a new RSA, or NULL when RSA_check_key
        // refuses the components (or memory ran out).
        Rsa::from_raw(unsafe {
            make(
                n.as_ptr(),
                e.as_ptr(),
                k.d.as_ptr(),
                k.p.as_ptr(),
                k.q.as_ptr(),
                k.dp.as_ptr(),
                k.dq.as_ptr(),
                k.qi.as_ptr(),
            )
        })
    }

    /// A key of the given components as they are, with no check: any
    /// modulus AWS-LC can use, and (with [`check`](Self::check)) private
    /// keys whose public key `RSA_new_public_key` would refuse.
    pub fn from_parts(mut n: Bn, mut e: Bn, private: Option<PrivateBns>) -> SysResult<Rsa> {
        // SAFETY: allocation; checked for null.
        let rsa = Rsa::from_raw(unsafe { lc::RSA_new() })?;
        let r = rsa.0.as_ptr();
        let Some(k) = private else {
            // SAFETY: on success RSA_set0_key owns n and e, so the guards let
            // go of them only then; on failure the guards still free them.
            check(unsafe { lc::RSA_set0_key(r, n.as_mut_ptr(), e.as_mut_ptr(), ptr::null_mut()) })?;
            n.disown();
            e.disown();
            return Ok(rsa);
        };
        let PrivateBns {
            mut d,
            mut p,
            mut q,
            mut dp,
            mut dq,
            mut qi,
        } = k;
        // SAFETY: as above, for n, e and d.
        check(unsafe { lc::RSA_set0_key(r, n.as_mut_ptr(), e.as_mut_ptr(), d.as_mut_ptr()) })?;
        n.disown();
        e.disown();
        d.disown();
        // SAFETY: as above, ownership moves only on success.
        check(unsafe { lc::RSA_set0_factors(r, p.as_mut_ptr(), q.as_mut_ptr()) })?;
        p.disown();
        q.disown();
        // SAFETY: as above.
        check(unsafe {
            lc::RSA_set0_crt_params(r, dp.as_mut_ptr(), dq.as_mut_ptr(), qi.as_mut_ptr())
        })?;
        dp.disown();
        dq.disown();
        qi.disown();
        Ok(rsa)
    }

    /// `RSA_check_key`: the private components are consistent.
    pub fn check(&self) -> SysResult<()> {
        // SAFETY: `self` is a live RSA; the check only reads it.
        check(unsafe { lc::RSA_check_key(self.0.as_ptr()) })
    }

    /// A fresh key of `bits` bits (AWS-LC rounds down to a multiple of 128)
    /// with public exponent `e`.
    pub fn generate(bits: u32, e: &Bn) -> SysResult<Rsa> {
        let bits = i32::try_from(bits).map_err(|_| Failed)?;
        // SAFETY: RSA_new has no preconditions; NULL is handled.
        let key = Rsa::from_raw(unsafe { lc::RSA_new() })?;
        // SAFETY: `key` is a fresh RSA object we own; `e` is a valid BIGNUM
        // the call only reads; no progress callback (NULL is allowed).
        check(unsafe {
            lc::RSA_generate_key_ex(key.0.as_ptr(), bits, e.as_ptr(), ptr::null_mut())
        })?;
        Ok(key)
    }

    /// Copies of the eight components `[n, e, d, p, q, dp, dq, qi]` as
    /// minimal big-endian bytes, each wiped when dropped. Fails when a
    /// component is missing.
    pub fn components(&self) -> SysResult<[Zeroizing<Vec<u8>>; 8]> {
        let rsa = self.0.as_ptr();
        let mut parts: [*const lc::BIGNUM; 8] = [ptr::null(); 8];
        let [n, e, d, p, q, dp, dq, qi] = &mut parts;
        // SAFETY: `rsa` is a live key; the get0 functions store pointers to
        // BIGNUMs owned by the key (or leave NULL) into the out-parameters.
        unsafe {
            lc::RSA_get0_key(rsa, n, e, d);
            lc::RSA_get0_factors(rsa, p, q);
            lc::RSA_get0_crt_params(rsa, dp, dq, qi);
        }
        let mut bytes: [Zeroizing<Vec<u8>>; 8] = Default::default();
        for (out, part) in bytes.iter_mut().zip(parts) {
            // SAFETY: each pointer is NULL or a component owned by `self`,
            // which `self` keeps alive and nobody modifies while we copy it.
            *out = Zeroizing::new(unsafe { borrowed_to_be(part)? });
        }
        Ok(bytes)
    }
}

/// An RSA public or private key held as an AWS-LC `EVP_PKEY`.
pub(crate) struct RsaPkey(NonNull<lc::EVP_PKEY>);

// SAFETY: after construction the EVP_PKEY is never mutated; each operation
// takes its own EVP_PKEY_CTX (which only adds an atomic reference), and RSA
// private operations lock their blinding state inside AWS-LC. aws-lc-rs
// shares its RSA keys across threads on the same guarantee.
unsafe impl Send for RsaPkey {}
unsafe impl Sync for RsaPkey {}

impl Drop for RsaPkey {
    fn drop(&mut self) {
        // SAFETY: we hold the only reference we took.
        unsafe { lc::EVP_PKEY_free(self.0.as_ptr()) }
    }
}

/// RSA signature paddings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SignaturePadding {
    Pkcs1,
    /// PSS with a digest-long salt, jose's `RSA_PSS_SALTLEN_DIGEST`.
    Pss,
}

/// RSA encryption paddings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EncryptionPadding {
    Pkcs1,
    /// OAEP with this digest for both OAEP and MGF1.
    Oaep(Md),
    /// Raw RSA (`RSA_NO_PADDING`): the input and output are as long as the
    /// modulus.
    None,
}

impl RsaPkey {
    /// Wraps `rsa`, which the `EVP_PKEY` then owns.
    pub fn new(rsa: Rsa) -> SysResult<RsaPkey> {
        // SAFETY: allocation; checked for null.
        let pkey = NonNull::new(unsafe { lc::EVP_PKEY_new() }).ok_or_else(failed)?;
        // From here on `key`'s Drop frees `pkey` on every path.
        let key = RsaPkey(pkey);
        // SAFETY: on success the EVP_PKEY owns the RSA, so the guard lets go
        // of it only then; on failure `rsa` still frees it.
        check(unsafe { lc::EVP_PKEY_assign_RSA(pkey.as_ptr(), rsa.0.as_ptr()) })?;
        std::mem::forget(rsa);
        Ok(key)
    }

    /// `EVP_PKEY_size`: the modulus length in bytes (`None` if AWS-LC
    /// reports a negative size).
    pub fn size(&self) -> Option<usize> {
        // SAFETY: the key is live; the call only reads it.
        usize::try_from(unsafe { lc::EVP_PKEY_size(self.0.as_ptr()) }).ok()
    }

    /// `EVP_PKEY_bits`: the modulus length in bits.
    pub fn bits(&self) -> Option<usize> {
        // SAFETY: as in `size`.
        usize::try_from(unsafe { lc::EVP_PKEY_bits(self.0.as_ptr()) }).ok()
    }

    /// A context for one encryption or decryption.
    pub fn ctx(&self) -> SysResult<PkeyCtx> {
        // SAFETY: the key is live; the context takes its own reference.
        let ctx = unsafe { lc::EVP_PKEY_CTX_new(self.0.as_ptr(), ptr::null_mut()) };
        NonNull::new(ctx).map(PkeyCtx).ok_or_else(failed)
    }

    /// Signs `data` (hashed with `md`). The signature is the modulus length;
    /// a modulus too short for the padding fails.
    pub fn sign(&self, padding: SignaturePadding, md: Md, data: &[u8]) -> SysResult<Vec<u8>> {
        let ctx = self.digest_ctx(lc::EVP_DigestSignInit, padding, md)?;
        let size = self.size().ok_or_else(failed)?;
        let mut out = vec![0u8; size];
        let mut len = out.len();
        // SAFETY: `out` has `len` writable bytes; AWS-LC writes at most that
        // and stores the real length in `len`. A modulus too short for the
        // padding fails here.
        check(unsafe {
            lc::EVP_DigestSign(
                ctx.0.as_ptr(),
                out.as_mut_ptr(),
                &mut len,
                data.as_ptr(),
                data.len(),
            )
        })?;
        out.truncate(len);
        Ok(out)
    }

    /// Whether `sig` is a valid signature of `data` (hashed with `md`).
    pub fn verify(&self, padding: SignaturePadding, md: Md, data: &[u8], sig: &[u8]) -> bool {
        let Ok(ctx) = self.digest_ctx(lc::EVP_DigestVerifyInit, padding, md) else {
            return false;
        };
        // SAFETY: ctx is set up for this key; the signature and data are
        // read-only slices.
        let valid = unsafe {
            lc::EVP_DigestVerify(
                ctx.0.as_ptr(),
                sig.as_ptr(),
                sig.len(),
                data.as_ptr(),
                data.len(),
            ) == 1
        };
        if !valid {
            // A wrong signature leaves a reason on the error queue too.
            failed();
        }
        valid
    }

    /// A digest context set up for signing or verifying with this key
    /// (`init` is EVP_DigestSignInit or EVP_DigestVerifyInit, which take
    /// the same arguments), with the padding configured.
    fn digest_ctx(
        &self,
        init: DigestInit,
        padding: SignaturePadding,
        md: Md,
    ) -> SysResult<DigestCtx> {
        let ctx = DigestCtx::new()?;
        let mut pctx: *mut lc::EVP_PKEY_CTX = ptr::null_mut();
        // SAFETY: ctx and the key are live; the operation takes its own
        // reference to the key. `pctx` is owned by `ctx`.
        let ready = unsafe {
            init(
                ctx.0.as_ptr(),
                &mut pctx,
                md.evp(),
                ptr::null_mut(),
                self.0.as_ptr(),
            ) == 1
                && configure(pctx, padding)
        };
        if ready {
            Ok(ctx)
        } else {
            Err(failed())
        }
    }
}

/// EVP_DigestSignInit's and EVP_DigestVerifyInit's shared signature.
type DigestInit = unsafe extern "C" fn(
    *mut lc::EVP_MD_CTX,
    *mut *mut lc::EVP_PKEY_CTX,
    *const lc::EVP_MD,
    *mut lc::ENGINE,
    *mut lc::EVP_PKEY,
) -> std::os::raw::c_int;

/// Sets PSS with a digest-long salt, jose's `RSA_PSS_SALTLEN_DIGEST`.
///
/// # Safety
/// `pctx` must be the live context of an initialised operation.
unsafe fn configure(pctx: *mut lc::EVP_PKEY_CTX, padding: SignaturePadding) -> bool {
    match padding {
        SignaturePadding::Pkcs1 => true,
        // SAFETY: `pctx` is live per this function's contract.
        SignaturePadding::Pss => unsafe {
            lc::EVP_PKEY_CTX_set_rsa_padding(pctx, lc::RSA_PKCS1_PSS_PADDING) == 1
                && lc::EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, lc::RSA_PSS_SALTLEN_DIGEST) == 1
        },
    }
}

/// One `EVP_MD_CTX` for one signature or verification.
struct DigestCtx(NonNull<lc::EVP_MD_CTX>);

impl DigestCtx {
    fn new() -> SysResult<DigestCtx> {
        // SAFETY: plain allocation; null on failure.
        NonNull::new(unsafe { lc::EVP_MD_CTX_new() })
            .map(DigestCtx)
            .ok_or_else(failed)
    }
}

impl Drop for DigestCtx {
    fn drop(&mut self) {
        // SAFETY: frees the context we allocated, and the EVP_PKEY_CTX it owns.
        unsafe { lc::EVP_MD_CTX_free(self.0.as_ptr()) }
    }
}

/// An `EVP_PKEY_CTX` for one encryption or decryption with an [`RsaPkey`].
pub(crate) struct PkeyCtx(NonNull<lc::EVP_PKEY_CTX>);

impl Drop for PkeyCtx {
    fn drop(&mut self) {
        // SAFETY: frees the context we created (and its key reference).
        unsafe { lc::EVP_PKEY_CTX_free(self.0.as_ptr()) }
    }
}

impl PkeyCtx {
    /// Sets the padding (and OAEP's digests) of an initialised operation.
    fn configure(&mut self, padding: EncryptionPadding) -> bool {
        let c = self.0.as_ptr();
        let (mode, md) = match padding {
            EncryptionPadding::Pkcs1 => (lc::RSA_PKCS1_PADDING, None),
            EncryptionPadding::Oaep(md) => (lc::RSA_PKCS1_OAEP_PADDING, Some(md.evp())),
            EncryptionPadding::None => (lc::RSA_NO_PADDING, None),
        };
        // SAFETY: `c` is a live, initialised context; `md` is static.
        unsafe {
            lc::EVP_PKEY_CTX_set_rsa_padding(c, mode) == 1
                && md.is_none_or(|md| {
                    lc::EVP_PKEY_CTX_set_rsa_oaep_md(c, md) == 1
                        && lc::EVP_PKEY_CTX_set_rsa_mgf1_md(c, md) == 1
                })
        }
    }

    /// Encrypts `input` into `out` (at least the modulus length) and returns
    /// the length written. AWS-LC refuses an input too long for the padding.
    pub fn encrypt(
        &mut self,
        padding: EncryptionPadding,
        input: &[u8],
        out: &mut [u8],
    ) -> SysResult<usize> {
        self.apply(padding, Direction::Encrypt, input, out)
    }

    /// Decrypts `input` into `out` (at least the modulus length) with a
    /// private key and returns the length written.
    pub fn decrypt(
        &mut self,
        padding: EncryptionPadding,
        input: &[u8],
        out: &mut [u8],
    ) -> SysResult<usize> {
        self.apply(padding, Direction::Decrypt, input, out)
    }

    /// One encryption or decryption: initialise the context for it, set the
    /// padding, run it into `out`.
    fn apply(
        &mut self,
        padding: EncryptionPadding,
        direction: Direction,
        input: &[u8],
        out: &mut [u8],
    ) -> SysResult<usize> {
        let (init, run) = match direction {
            Direction::Encrypt => (
                lc::EVP_PKEY_encrypt_init as unsafe extern "C" fn(_) -> _,
                lc::EVP_PKEY_encrypt as unsafe extern "C" fn(_, _, _, _, _) -> _,
            ),
            Direction::Decrypt => (
                lc::EVP_PKEY_decrypt_init as unsafe extern "C" fn(_) -> _,
                lc::EVP_PKEY_decrypt as unsafe extern "C" fn(_, _, _, _, _) -> _,
            ),
        };
        // SAFETY: the context is live.
        if unsafe { init(self.0.as_ptr()) } != 1 || !self.configure(padding) {
            return Err(failed());
        }
        let mut out_len = out.len();
        // SAFETY: `out` has `out_len` writable bytes; AWS-LC writes at most
        // that and stores the real length in `out_len`.
        check(unsafe {
            run(
                self.0.as_ptr(),
                out.as_mut_ptr(),
                &raw mut out_len,
                input.as_ptr(),
                input.len(),
            )
        })?;
        if out_len > out.len() {
            return Err(failed());
        }
        Ok(out_len)
    }
}

/// Which way [`PkeyCtx::apply`] goes.
#[derive(Clone, Copy)]
enum Direction {
    Encrypt,
    Decrypt,
}
