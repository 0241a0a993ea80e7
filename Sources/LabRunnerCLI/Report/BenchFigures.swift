/// A benchmark's JSON (each lab's bench writes its own shape) read by key path, and flattened for its table.
struct BenchFigures {
    let tree: JSONValue

    /// The number at `path` (`net.baseline.gigabytesPerSecond`, `deposits.1.gigabytesPerSecond`), if there is one.
    func number(_ path: String) -> Double? {
        if case let .number(value)? = value(path) { value } else { nil }
    }

    private func value(_ path: String) -> JSONValue? {
        var node = tree
        for key in path.split(separator: ".") {
            switch node {
            case let .object(object): guard let next = object[String(key)] else { return nil }; node = next
            case let .array(array): guard let index = Int(key), array.indices.contains(index) else { return nil }; node = array[index]
            default: return nil
            }
        }
        return node
    }

    /// Every leaf as `(path, value)`, in key order; what is under `skipping` (per-round raw figures) is left out.
    func leaves(skipping: Set<String> = ["runs"]) -> [(path: String, value: JSONValue)] {
        var out: [(String, JSONValue)] = []
        func walk(_ node: JSONValue, _ path: String) {
            switch node {
            case let .object(object):
                for key in object.keys.sorted() where !skipping.contains(key) { walk(object[key]!, path.isEmpty ? key : "\(path).\(key)") }
            case let .array(array):
                for (index, element) in array.enumerated() { walk(element, "\(path).\(index)") }
            default:
                out.append((path, node))
            }
        }
        walk(tree, "")
        return out
    }

    /// The keys of the object at `path` ordered by the size they name (`1 GiB` < `4 GiB`, `100` < `10000`).
    func sizeKeys(_ path: String) -> [String] {
        guard case let .object(object)? = value(path) else { return [] }
        return object.keys.sorted { Self.size($0) < Self.size($1) }
    }

    static func size(_ key: String) -> Double {
        Double(ParsedArguments.parseByteCount(key.replacingOccurrences(of: " ", with: "")) ?? Int(key) ?? 0)
    }
}
