import MessagingKit

/// The RSA of phase 1, written by you: primality (`RSA+Primality.swift`), key generation
/// (`RSA+KeyGeneration.swift`), the RSA core (`RSA+Core.swift`) and OAEP (`RSA+OAEP.swift`). Every function
/// is static: RSA keeps no state, the keys carry it. The later phases' services encrypt and decrypt with it.
public enum RSA: RSAToolkit {}
