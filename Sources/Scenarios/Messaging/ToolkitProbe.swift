import MessagingKit

/// The implementation's RSA as graders call it: what a call returns, or the `RSAError` it throws as a value
/// to check; an unfinished exercise stays "not implemented", and any other error fails the scenario naming the call.
enum ToolkitProbe {
    /// The result of `body`, a call described by `call` (`"decrypt(case 12)"`), with its `RSAError` as a failure.
    static func outcome<Value>(_ call: @autoclosure () -> String, _ body: () throws -> Value) throws(ScenarioFailure) -> Result<Value, RSAError> {
        do {
            return .success(try body())
        } catch let error as RSAError {
            return .failure(error)
        } catch let missing as NotImplemented {
            throw ScenarioFailure(.notImplemented(exercise: missing.exercise))
        } catch {
            throw ScenarioFailure(.wrong(expected: "\(call()) to return, or to throw an RSAError", observed: "it threw \(error)"))
        }
    }

    /// The value `body` returns; an `RSAError` fails the scenario, since `call` must succeed.
    static func value<Value>(_ call: @autoclosure () -> String, _ body: () throws -> Value) throws(ScenarioFailure) -> Value {
        switch try outcome(call(), body) {
        case let .success(value): return value
        case let .failure(error): throw ScenarioFailure(.wrong(expected: "\(call()) to succeed", observed: "it threw \(spelled(error)): \(error)"))
        }
    }

    /// Fails the scenario unless `body` throws exactly `expected`.
    static func refuses<Value>(_ call: @autoclosure () -> String, with expected: RSAError, _ body: () throws -> Value) throws(ScenarioFailure) {
        switch try outcome(call(), body) {
        case let .success(value):
            throw ScenarioFailure(.wrong(expected: "\(call()) to throw \(spelled(expected))", observed: "it returned \(sketch(value))"))
        case let .failure(error):
            try expect(error == expected, "\(call()) to throw \(spelled(expected))", observed: "it threw \(spelled(error))")
        }
    }

    /// `error` as Swift spells it, `RSAError.messageTooLong(bytes: 191, limit: 190)`: its description is a sentence.
    static func spelled(_ error: RSAError) -> String {
        let name = switch error {
        case .decryptionError: "decryptionError"
        case let .messageTooLong(bytes, limit): "messageTooLong(bytes: \(bytes), limit: \(limit))"
        case .representativeOutOfRange: "representativeOutOfRange"
        case let .invalidSeedLength(bytes): "invalidSeedLength(bytes: \(bytes))"
        case let .unsupportedKeySize(bits): "unsupportedKeySize(bits: \(bits))"
        case let .unsupportedPrimeSize(bits): "unsupportedPrimeSize(bits: \(bits))"
        }
        return "RSAError." + name
    }

    /// A returned value as a failure message shows it: bytes as a length and their first bytes in hex.
    static func sketch(_ value: Any) -> String {
        guard let bytes = value as? [UInt8] else { return "\(value)" }
        return "\(bytes.count) bytes \(Array(bytes.prefix(24)).hex)\(bytes.count > 24 ? "…" : "")"
    }
}
