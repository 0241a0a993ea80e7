import MessagingKit

/// Wycheproof's primality cases (`Vectors/primality_test.json`): numbers and whether each is prime.
struct PrimalityCase: Sendable {
    let id: Int
    let comment: String
    let flags: [String]
    let value: BigUInt
    let isPrime: Bool
}

enum WycheproofPrimality {
    /// The file as published: one group of tests, each a two's-complement hex value and a verdict.
    private struct File: Decodable {
        struct Group: Decodable { let tests: [Test] }
        struct Test: Decodable { let tcId: Int; let comment: String; let flags: [String]; let value: String; let result: String }
        let testGroups: [Group]
    }

    /// The cases with a non-negative value (304 of 317): `BigUInt` has no sign, so the 13 negative values,
    /// which test signed APIs, do not apply. Each is prime ("valid") or not ("invalid").
    static let cases: Result<[PrimalityCase], VectorFileError> = VectorFile.decode("primality_test.json", as: File.self).flatMap { file in
        var cases: [PrimalityCase] = []
        for test in file.testGroups.flatMap(\.tests) {
            guard let top = UInt8(test.value.prefix(2), radix: 16), top < 0x80 else { continue }
            guard let value = try? BigUInt(hex: test.value), ["valid", "invalid"].contains(test.result) else {
                return .failure(VectorFileError(name: "primality_test.json", reason: "case \(test.tcId) is not a hex value with a verdict"))
            }
            cases.append(PrimalityCase(id: test.tcId, comment: test.comment, flags: test.flags, value: value, isPrime: test.result == "valid"))
        }
        return .success(cases)
    }
}
