/// How large a number the kit accepts from outside (bytes, hex, DER, PEM): enough for any RSA key in use, small
/// enough that a hostile peer cannot make one parse or one modular exponentiation take minutes.
public enum BigUIntLimits {
    /// The most bits a parsed number may have: 16,384, the largest RSA modulus OpenSSL generates.
    public static let maximumBits = 16_384
}
