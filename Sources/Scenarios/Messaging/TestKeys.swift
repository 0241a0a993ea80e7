import MessagingKit

/// The fixed keys the graders use besides Wycheproof's, made once with `openssl genpkey -algorithm RSA -pkeyopt
/// rsa_keygen_bits:N` (OpenSSL 3.0): fixed so that a failure replays, and made by another implementation so
/// that the lab's RSA is checked against keys it did not make.
package enum TestKeys {
    /// A 512-bit key: too small for OAEP with SHA-256 (it needs 528 bits), and quick for the RSA core.
    package static let rsa512 = """
        -----BEGIN PRIVATE KEY-----
        MIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAwggE8AgEAAkEAzHkZFTbgP3XipLM5
        H6SQ24j7vEi13gFPBs9JoPFyJxrpGlCgEGUbBIcZyNaAfg1436dLCg0w4sRIN0AU
        XKrELwIDAQABAkEAqjWobqN2uv0MBOR4ieG5ADcgrxSr6DmYqmeFuCclSmy6j7Rj
        p0dTK4xMHRpxv7v5oKhQGewHyf08AqMwr0qYOQIhAPzAFyl2JfVpntUgegHY5bGo
        OZr+xhFCyxbK/S2tpnqTAiEAzxobMLHuDH3K8j7yM1uN++3iDI0XQuJkIENSqpuc
        pXUCIQDsaum/eKps8k0F4oj9bVr9YPPxTVsMDkRVn65Oqd3NTQIhAIZHKvH7q5i1
        xuwiG+9ooTqDFlmE8VwQZVL105eCpaIxAiBwh7Zw7w3qI44FYRWFEp+GOOjBx4Nv
        lBzqLOKAjDSKLA==
        -----END PRIVATE KEY-----
        """

    /// A 1,024-bit key.
    package static let rsa1024 = """
        -----BEGIN PRIVATE KEY-----
        MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBANKIGBB8Zg2CmgJP
        XZzYbX06EOzIeq0b3rotcxV9ohRTrxC6R2WVwCv60KJaQeUWKN5+GEr7NxsNf+1b
        oNHBRrkcQN1037cvnJovsSWn/hFuptqc67KGELTme9g4/1UO//Ec4h4V6lERY02t
        clOfE9GtkZEwgFOmRC1ln7L2EP+lAgMBAAECgYAadEVp1OfR7MZDYgumSL/BS4mS
        50Ia/HSJOmrKmYXDPhyyYmXUSvPh0ttieyrqiVVLV9bfnR94g8K+ZZQYp0umfp79
        e4JT7d+ST/jyISpyWJvteIyQhMmVh/p5zldL/x44a/50WkZaH95JaZHjBeC2SpOA
        bM4szojNou6Bped7xQJBAOxjfRf5MGNa0HFo8XFQWkkqF4nwaA3gIhJBYND8XaJJ
        WX/u2y+cnyYf3QdjiSaGYdDIqwZxLrenfqrgnI+q938CQQDj/3HBiNE2ptCA2LE9
        x5BRN88XBZQabb4VmpAAbVXKlrYiOSoxqsmhoxXhLPUxB6pD/9xM25VR6lz6t/tP
        g7rbAkEAv5KBNoSEaoCWnNJnmWV9Rf4OxYNHULdr5U+GntdnKrY3Ci8RAyzy7Xq1
        Ld/ErqwJaaK2t6nSKpRbWzBcsTHlEQJAMImxLgJyh6/7s3JuSTizAJdg/wWxAe9b
        CD5fabfdC8QKAj8pPGmfg0m03rszd7yqAs/1lmco4seCA94nIkZpAQJAT5wa1x81
        VdRZ4V6OfsUYBBNsMvL3Jv2H9swBfkrz8t4PkWaJK4FZHNMblxIQRwXl6c9tKG/W
        1jYroHiwqHqDHg==
        -----END PRIVATE KEY-----
        """

    /// The keys of the RSA core's scenarios: these two and Wycheproof's 2048-bit one, each also with its primes
    /// swapped (p < q where OpenSSL made p > q, and the other way round), so a CRT that assumes p > q is caught.
    static func coreKeys() throws(ScenarioFailure) -> [(name: String, key: RSAPrivateKey)] {
        var keys: [(name: String, key: RSAPrivateKey)] = []
        for (name, pem) in [("the 512-bit test key", rsa512), ("the 1024-bit test key", rsa1024)] {
            keys.append((name, try parsed(pem, name)))
        }
        keys.append(("Wycheproof's 2048-bit key", try WycheproofOAEP.file.vectors().key))
        return keys + (try keys.map { entry throws(ScenarioFailure) in (entry.name + " with p and q swapped", try swapped(entry.key)) })
    }

    /// The key of `pem`, or a crashed scenario: a fixture that does not parse is the grader's bug.
    static func parsed(_ pem: String, _ name: String) throws(ScenarioFailure) -> RSAPrivateKey {
        do { return try RSAPrivateKey(pem: pem) } catch { throw ScenarioFailure(.crashed("\(name) does not parse: \(error)")) }
    }

    /// The same key with p and q exchanged: dP and dQ trade places, and the coefficient becomes p⁻¹ mod q.
    static func swapped(_ key: RSAPrivateKey) throws(ScenarioFailure) -> RSAPrivateKey {
        guard let coefficient = key.prime1.inverse(modulo: key.prime2) else { throw ScenarioFailure(.crashed("\(key): p has no inverse mod q")) }
        do {
            return try RSAPrivateKey(modulus: key.modulus, publicExponent: key.publicExponent, privateExponent: key.privateExponent,
                                     prime1: key.prime2, prime2: key.prime1, exponent1: key.exponent2, exponent2: key.exponent1,
                                     coefficient: coefficient)
        } catch {
            throw ScenarioFailure(.crashed("swapping the primes of \(key) gave no key: \(error)"))
        }
    }
}
